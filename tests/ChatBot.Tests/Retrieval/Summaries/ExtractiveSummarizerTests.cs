using ChatBot.Core.Model;
using ChatBot.Retrieval.Summaries;

namespace ChatBot.Tests.Retrieval.Summaries;

public class ExtractiveSummarizerTests
{
    private const string Article = """
        Solar power capacity grew faster than any other energy source last year.
        Analysts say solar panels became cheaper as factories scaled up production.
        The cheaper solar panels pushed utilities to build more solar farms.
        A local bakery changed its opening hours on Sundays.
        Governments also offered subsidies that made solar power attractive to households.
        Some critics worry that the grid cannot absorb so much solar power at midday.
        """;

    [Fact]
    public void Summarize_ReturnsRequestedCount_InReadingOrder()
    {
        var spans = new ExtractiveSummarizer().Summarize(Article, "Solar power grows", 3);

        Assert.Equal(3, spans.Count);
        Assert.True(spans.Zip(spans.Skip(1)).All(p => p.First.Start < p.Second.Start));
    }

    [Fact]
    public void Summarize_OffTopicSentence_IsLeftOut()
    {
        var spans = new ExtractiveSummarizer().Summarize(Article, "Solar power grows", 3);
        var text = string.Join(' ', spans.Select(s => Article.Substring(s.Start, s.Length)));

        Assert.DoesNotContain("bakery", text, StringComparison.Ordinal);
        Assert.Contains("Solar power capacity grew", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Summarize_ShortArticle_ReturnsAllSentences()
    {
        var spans = new ExtractiveSummarizer().Summarize("Only one sentence is here today.", null, ExtractiveSummarizer.SentenceCount(SummaryLength.Short));

        Assert.Single(spans);
    }

    [Fact]
    public void Summarize_ArticleWithHeadings_QuotesSentencesNotHeadings()
    {
        const string text = """
            Solar Power Grows Faster Than Any Other Energy Source
            Solar power capacity grew faster than any other energy source last year.
            Why Panels Got Cheaper Across The World
            Analysts say solar panels became cheaper as factories scaled up production.
            The cheaper solar panels pushed utilities to build more solar farms.
            """;

        var spans = new ExtractiveSummarizer().Summarize(text, "Solar report", 2);

        Assert.All(spans, s => Assert.EndsWith(".", text.Substring(s.Start, s.Length), StringComparison.Ordinal));
    }
}
