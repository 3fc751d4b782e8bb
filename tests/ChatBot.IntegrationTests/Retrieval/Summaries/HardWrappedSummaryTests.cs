using ChatBot.Core.Model;
using ChatBot.Retrieval;
using ChatBot.Retrieval.Storage.Articles;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.IntegrationTests.Retrieval.Summaries;

/// <summary>A hard-wrapped text (an e-mail, a .txt at 72 columns): summary sentences read as one line each.</summary>
public sealed class HardWrappedSummaryTests : IAsyncLifetime
{
    private const string Email = """
        Office move to the Riverside building

        The move will now take place over the weekend of 12 and 13 December
        rather than the 5th, because the removal company could not guarantee
        enough vans for the earlier date. Everyone should pack their desks by
        5 pm on Friday 11 December.

        The new office is on the fourth floor of the Riverside building, at
        22 Quay Street. The entrance is on the river side, not the street
        side. Parking is limited to 18 spaces, which will be allocated by
        lottery.
        """;

    private RetrievalTestHost _host = null!;

    public async Task InitializeAsync() => _host = await RetrievalTestHost.CreateAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task SummarizeAsync_HardWrappedText_SentencesHaveNoLineBreaks()
    {
        await _host.Pipeline.IngestDraftAsync(new ArticleDraft("test:move", "Office move", Email), CancellationToken.None);
        var retrieval = _host.Services.GetRequiredService<RetrievalService>();

        var summary = await retrieval.SummarizeAsync("local", "test:move", SummaryLength.Long, CancellationToken.None);

        Assert.NotNull(summary);
        Assert.Contains("The move will now take place over the weekend of 12 and 13 December rather than the 5th,", summary.Text, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', summary.Text);
        Assert.All(summary.Sentences, s => Assert.DoesNotContain('\n', s));
    }
}
