using ChatBot.Retrieval.Ingestion.Web;
using ChatBot.Retrieval.Summaries;
using ChatBot.Retrieval.Text;

namespace ChatBot.Tests.Retrieval.Ingestion.Web;

/// <summary>qa findings: a saved news page's photo caption and "ADVERTISEMENT …" block are not article text.</summary>
public sealed class PageFurnitureTests
{
    private static readonly string News = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Retrieval", "Ingestion", "Web", "Fixtures", "news.html"));

    [Fact]
    public void Extract_NewsPage_LeavesOutThePhotoCaptionAndTheAdvertisement()
    {
        var draft = HtmlArticleExtractor.Extract(News, "https://courier.example/solar", "news.html", "news");

        Assert.DoesNotContain("Photo: Coastal Courier", draft.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("The panels cover about a third", draft.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("ADVERTISEMENT", draft.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Shop the winter sale", draft.Text, StringComparison.Ordinal);
        Assert.Contains("Vellmar, a harbour city of 180,000 people", draft.Text, StringComparison.Ordinal);
        Assert.Contains("He added that floating panels produce up to 10 percent more power", draft.Text, StringComparison.Ordinal);
        Assert.Contains("Not everyone is convinced.", draft.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Summarize_NewsPage_FirstSentenceIsTheStoryNotTheCaption()
    {
        var draft = HtmlArticleExtractor.Extract(News, "https://courier.example/solar", "news.html", "news");

        var spans = new ExtractiveSummarizer().Summarize(draft.Text, draft.Title, 2);

        Assert.StartsWith("Vellmar, a harbour city", SentenceSplitter.Text(draft.Text, spans[0]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<p>Sponsored content</p>")]
    [InlineData("<p>Advertisement</p>")]
    public void Extract_ShortAdvertisementLabelParagraph_IsLeftOut(string label)
    {
        var body = string.Concat(Enumerable.Repeat("<p>Tidal turbines turn twice a day as the sea rises and falls along the coast of the bay.</p>", 6));
        var html = $"<html><head><title>Tides</title></head><body><article><h1>Tides</h1>{body}{label}{body}</article></body></html>";

        var draft = HtmlArticleExtractor.Extract(html, "https://x.example/tides", "tides.html", "tides");

        Assert.DoesNotContain(label[3..^4], draft.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(7)]
    public void Summarize_NewsPage_NeverPicksASentenceStartingWithADanglingPronoun(int sentences)
    {
        var draft = HtmlArticleExtractor.Extract(News, "https://courier.example/solar", "news.html", "news");

        var spans = new ExtractiveSummarizer().Summarize(draft.Text, draft.Title, sentences);

        Assert.Equal(sentences, spans.Count);
        Assert.All(spans, s => Assert.False(SentenceSplitter.Text(draft.Text, s).StartsWith("He ", StringComparison.Ordinal), SentenceSplitter.Text(draft.Text, s)));
    }
}
