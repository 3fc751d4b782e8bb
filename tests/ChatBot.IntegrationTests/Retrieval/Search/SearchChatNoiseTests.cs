using ChatBot.Retrieval;
using ChatBot.Retrieval.Storage.Articles;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.IntegrationTests.Retrieval.Search;

/// <summary>`/search` reads the query as /ask reads a question: mentions, URLs and emoji are not searched for (issue 14).</summary>
public sealed class SearchChatNoiseTests
{
    [Fact]
    public async Task SearchAsync_MentionsAndLinksAroundTheQuery_AreNotSearchedFor()
    {
        await using var host = await RetrievalTestHost.CreateAsync();
        await host.Pipeline.IngestDraftAsync(new ArticleDraft("test:solar", "Solar", "Solar panels turn sunlight into electricity. Cheap panels changed energy markets."), CancellationToken.None);
        await host.Pipeline.IngestDraftAsync(new ArticleDraft("test:channel", "Ferries", "Everyone here crosses the channel by ferry. The example ferry leaves at noon."), CancellationToken.None);
        var retrieval = host.Services.GetRequiredService<RetrievalService>();

        var hits = await retrieval.SearchAsync("local", "<!channel> @everyone @here solar panels https://example.com :sunny:", 5, CancellationToken.None);

        Assert.Equal("Solar", hits[0].Article.Title);
        Assert.All(hits, h => Assert.DoesNotContain("**", h.Snippet.Replace("**Solar**", string.Empty, StringComparison.Ordinal).Replace("**panels**", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal));
    }
}
