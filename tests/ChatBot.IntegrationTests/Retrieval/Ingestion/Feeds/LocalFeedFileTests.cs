using ChatBot.Core.Model;
using ChatBot.IntegrationTests.Retrieval.Ingestion.Web;
using ChatBot.TestKit.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ChatBot.IntegrationTests.Retrieval.Ingestion.Feeds;

/// <summary>qa findings: a saved RSS/Atom feed (`ingest feed.xml`) ingests like the same feed over http.</summary>
public sealed class LocalFeedFileTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _folder = new();
    private LocalWebServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await LocalWebServer.StartAsync(app =>
        {
            app.MapGet("/feed.xml", () => Results.Content(Rss(_server.BaseUri), "application/rss+xml"));
            app.MapGet("/posts/tidal", () => Results.Content(WebArticleFetcherTests.Page, "text/html"));
            app.MapGet("/posts/gone", () => Results.NotFound());
        });
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _folder.Dispose();

    private static string Rss(Uri baseUri) => $"""
        <?xml version="1.0"?>
        <rss version="2.0"><channel><title>Energy News</title><link>{baseUri}</link><description>d</description>
        <item><guid>item-1</guid><title>Tidal power</title><link>{baseUri}posts/tidal</link><description>Short teaser.</description></item>
        <item><guid>item-2</guid><title>A gone page</title><link>{baseUri}posts/gone</link>
        <description>&lt;p&gt;Wave energy converters ride the swell &amp;amp; pump water to a turbine.&lt;/p&gt;</description></item>
        <item><guid>urn:entry:3</guid><title>Geothermal</title><description>Geothermal plants use heat from deep underground.</description></item>
        </channel></rss>
        """;

    [Theory]
    [InlineData("feed.xml")]
    [InlineData("feed.rss")]
    public async Task IngestAsync_SavedFeedFile_IngestsEachItemLikeTheFeedUrl(string name)
    {
        var file = Path.Combine(_folder.Path, name);
        await File.WriteAllTextAsync(file, Rss(_server.BaseUri));
        await using var overHttp = await RetrievalTestHost.CreateAsync();
        await using var saved = await RetrievalTestHost.CreateAsync();

        var expected = await overHttp.Pipeline.IngestAsync("local", _server.Url("feed.xml").AbsoluteUri, CancellationToken.None);
        var results = await saved.Pipeline.IngestAsync("local", file, CancellationToken.None);

        Assert.Equal(3, results.Count);
        Assert.All(results, r => Assert.Equal(IngestOutcome.Added, r.Outcome));
        Assert.Equal(expected.Select(r => (r.Source, r.Article!.Title)), results.Select(r => (r.Source, r.Article!.Title)));
        for (var i = 0; i < results.Count; i++)
        {
            Assert.Equal(await overHttp.Store.GetTextAsync(expected[i].Article!.Id, CancellationToken.None), await saved.Store.GetTextAsync(results[i].Article!.Id, CancellationToken.None));
        }
    }

    [Fact]
    public async Task IngestAsync_XmlFileThatIsNotAFeed_FailsNamingTheCauseAndStoresNothing()
    {
        var file = Path.Combine(_folder.Path, "pom.xml");
        await File.WriteAllTextAsync(file, "<?xml version=\"1.0\"?><project><modelVersion>4.0.0</modelVersion></project>");
        await using var host = await RetrievalTestHost.CreateAsync();

        var result = Assert.Single(await host.Pipeline.IngestAsync("local", file, CancellationToken.None));

        Assert.Equal(IngestOutcome.Failed, result.Outcome);
        Assert.Contains("not a feed", result.Error, StringComparison.Ordinal);
        Assert.Empty(await host.Store.ListAsync("local", CancellationToken.None));
    }
}
