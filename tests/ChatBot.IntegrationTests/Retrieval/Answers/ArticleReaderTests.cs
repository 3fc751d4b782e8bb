using ChatBot.Core.Model;
using ChatBot.Core.Retrieval;
using ChatBot.IntegrationTests.Retrieval;
using ChatBot.Retrieval;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.IntegrationTests.Retrieval.Answers;

/// <summary>"Ask about this article" over the real store: the answer comes from that article's passages only.</summary>
public sealed class ArticleReaderTests : IAsyncLifetime
{
    private RetrievalTestHost _host = null!;

    public async Task InitializeAsync() => _host = await RetrievalTestHost.CreateAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<ChatBot.Core.Model.Article> AddAsync(string name, string text)
    {
        var path = Path.Combine(_host.Directory, name);
        Directory.CreateDirectory(_host.Directory);
        await File.WriteAllTextAsync(path, text);
        var result = Assert.Single(await _host.Pipeline.IngestAsync("local", path, CancellationToken.None));
        return result.Article!;
    }

    [Fact]
    public async Task AskArticle_QuotesOnlyThatArticle_EvenWhenAnotherHoldsABetterMatch()
    {
        var gardens = await AddAsync("gardens.md", "# Roof gardens\n\nRoof gardens cool buildings in summer. The city of Basel requires green roofs on new flat roofs since 2002. Gardeners plant sedum because it needs little water.\n");
        await AddAsync("rockets.md", "# Reusable rockets\n\nThe Falcon 9 booster lands on a drone ship. SpaceX first landed a Falcon 9 booster in December 2015. Reuse cut the cost of a launch.\n");
        var reader = _host.Services.GetRequiredService<IArticleReader>();

        var aboutGardens = await reader.AskArticleAsync(gardens, "When did Basel start requiring green roofs?", CancellationToken.None);
        var offTopic = await reader.AskArticleAsync(gardens, "When did SpaceX first land a Falcon 9 booster?", CancellationToken.None);
        var library = await _host.Services.GetRequiredService<IRetrievalService>().AskAsync("local", "When did SpaceX first land a Falcon 9 booster?", null, CancellationToken.None);

        Assert.False(aboutGardens.Abstained);
        Assert.Contains("2002", aboutGardens.Text, StringComparison.Ordinal);
        Assert.All(aboutGardens.Citations, c => Assert.Equal(gardens.Id, c.ArticleId));
        Assert.All(offTopic.Citations, c => Assert.Equal(gardens.Id, c.ArticleId));
        Assert.DoesNotContain("2015", offTopic.Text, StringComparison.Ordinal);
        Assert.Contains("2015", library.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void SummarizeText_PicksSentencesOfTheTextItself()
    {
        var reader = _host.Services.GetRequiredService<IArticleReader>();
        var text = "The release slipped a week. Testing found a crash in the importer. The fix landed on Tuesday. Everyone then retested the importer. The release finally shipped on Friday.";

        var sentences = reader.SummarizeText(text, ChatBot.Core.Model.SummaryLength.Short);

        Assert.InRange(sentences.Count, 1, 2);
        Assert.All(sentences, s => Assert.Contains(s, text, StringComparison.Ordinal));
    }
}
