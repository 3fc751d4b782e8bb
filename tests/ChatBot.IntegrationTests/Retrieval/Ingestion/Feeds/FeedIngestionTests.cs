using ChatBot.Core.Model;
using ChatBot.Core.Retrieval;
using ChatBot.IntegrationTests.Retrieval.Ingestion.Web;
using ChatBot.Retrieval.Ingestion.Feeds;
using ChatBot.TestKit.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.IntegrationTests.Retrieval.Ingestion.Feeds;

public sealed class FeedIngestionTests : IAsyncLifetime
{
    private const string BillionLaughs = """
        <?xml version="1.0"?>
        <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
        <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
        <rss version="2.0"><channel><title>&lol3;</title></channel></rss>
        """;

    private LocalWebServer _server = null!;
    private int _pageFetches;

    public async Task InitializeAsync()
    {
        _server = await LocalWebServer.StartAsync(app =>
        {
            app.MapGet("/feed.xml", (HttpContext context) =>
            {
                if (context.Request.Headers.IfNoneMatch.ToString() == "\"f1\"")
                {
                    return Results.StatusCode(304);
                }

                context.Response.Headers.ETag = "\"f1\"";
                return Results.Content(Rss(_server.BaseUri), "application/rss+xml");
            });
            app.MapGet("/atom", () => Results.Content(Atom, "text/xml"));
            app.MapGet("/posts/tidal", () =>
            {
                Interlocked.Increment(ref _pageFetches);
                return Results.Content(WebArticleFetcherTests.Page, "text/html");
            });
            app.MapGet("/posts/gone", () => Results.NotFound());
            app.MapGet("/broken.xml", () => Results.Content("<rss><channel><title>oops</channel>", "application/rss+xml"));
            app.MapGet("/lol.xml", () => Results.Content(BillionLaughs, "application/rss+xml"));
        });
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private const string Atom = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Notes</title><id>urn:feed</id><updated>2025-01-02T00:00:00Z</updated>
        <entry><id>urn:entry:1</id><title>Geothermal</title><updated>2025-01-02T00:00:00Z</updated>
        <summary>Geothermal plants use heat from deep underground to drive turbines all year round.</summary></entry>
        </feed>
        """;

    private static string Rss(Uri baseUri) => $"""
        <?xml version="1.0"?>
        <rss version="2.0"><channel><title>Energy News</title><link>{baseUri}</link><description>d</description>
        <item><guid>item-1</guid><title>Tidal power</title><link>{baseUri}posts/tidal</link><pubDate>Mon, 06 Jan 2025 10:00:00 GMT</pubDate>
        <description>Short teaser.</description></item>
        <item><guid>item-2</guid><title>A gone page</title><link>{baseUri}posts/gone</link>
        <description>&lt;p&gt;Wave energy converters ride the swell &amp;amp; pump water to a turbine.&lt;/p&gt;</description></item>
        </channel></rss>
        """;

    [Fact]
    public async Task FetchAsync_Rss_ParsesItemsAndThenAnswersNotModified()
    {
        await using var host = await RetrievalTestHost.CreateAsync();
        var client = host.Services.GetRequiredService<IFeedClient>();

        var first = await client.FetchAsync(_server.Url("feed.xml"), null, null, CancellationToken.None);
        var second = await client.FetchAsync(_server.Url("feed.xml"), first.ETag, first.LastModified, CancellationToken.None);

        Assert.False(first.NotModified);
        Assert.Equal("Energy News", first.Title);
        Assert.Equal(["item-1", "item-2"], first.Items.Select(i => i.Key));
        Assert.Equal(_server.Url("posts/tidal"), first.Items[0].Link);
        Assert.Equal(new DateTimeOffset(2025, 1, 6, 10, 0, 0, TimeSpan.Zero), first.Items[0].PublishedAt);
        Assert.True(second.NotModified);
        Assert.Empty(second.Items);
    }

    [Fact]
    public async Task FetchAsync_AtomServedAsTextXml_ParsesEntries()
    {
        await using var host = await RetrievalTestHost.CreateAsync();

        var feed = await host.Services.GetRequiredService<IFeedClient>().FetchAsync(_server.Url("atom"), null, null, CancellationToken.None);

        Assert.Equal("Atom Notes", feed.Title);
        Assert.Equal("urn:entry:1", Assert.Single(feed.Items).Key);
    }

    [Fact]
    public async Task FetchAsync_IllFormedBeforeAnyItem_IsRefusedNamingTheCause()
    {
        await using var host = await RetrievalTestHost.CreateAsync();

        var ex = await Assert.ThrowsAsync<IngestionException>(() => host.Services.GetRequiredService<IFeedClient>().FetchAsync(_server.Url("broken.xml"), null, null, CancellationToken.None));

        Assert.Contains("feed is not well-formed XML before its first entry", ex.Message);
    }

    [Fact]
    public async Task FetchAsync_DtdEntities_AreNeverExpanded()
    {
        await using var host = await RetrievalTestHost.CreateAsync();

        var feed = await host.Services.GetRequiredService<IFeedClient>().FetchAsync(_server.Url("lol.xml"), null, null, CancellationToken.None);

        Assert.Equal("&lol3;", feed.Title);
        Assert.Empty(feed.Items);
    }

    [Fact]
    public async Task IngestAsync_FeedUrl_IngestsEachItemWithFallbackToItemContent()
    {
        await using var host = await RetrievalTestHost.CreateAsync();

        var results = await host.Pipeline.IngestAsync("local", _server.Url("feed.xml").AbsoluteUri, CancellationToken.None);

        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.Equal(IngestOutcome.Added, r.Outcome));
        Assert.Equal("Tidal Power Explained", results[0].Article!.Title);
        var fallback = await host.Store.GetTextAsync(results[1].Article!.Id, CancellationToken.None);
        Assert.Equal("Wave energy converters ride the swell & pump water to a turbine.", fallback);
        Assert.Equal(_server.Url("posts/gone").AbsoluteUri, results[1].Article!.Source);
    }

    [Fact]
    public async Task IngestFeedItemAsync_SameItemTwice_DedupesWithoutFetchingAgain()
    {
        await using var host = await RetrievalTestHost.CreateAsync();
        var item = new FeedItem("item-1", "Tidal power", _server.Url("posts/tidal"), null, "teaser", "Someone");

        var first = await host.Pipeline.IngestFeedItemAsync("local", item, 7, CancellationToken.None);
        var second = await host.Pipeline.IngestFeedItemAsync("local", item with { Link = _server.Url("posts/tidal") }, 7, CancellationToken.None);
        var viaCanonical = await host.Pipeline.IngestFeedItemAsync("local", item with { Key = "other-guid", Link = _server.Url("posts/tidal?utm=x") }, 7, CancellationToken.None);

        Assert.Equal(IngestOutcome.Added, first.Outcome);
        Assert.Equal(7, first.Article!.FeedId);
        Assert.Equal(IngestOutcome.Unchanged, second.Outcome);
        Assert.Equal(IngestOutcome.Unchanged, viaCanonical.Outcome);
        Assert.Equal(first.Article.Id, viaCanonical.Article!.Id);
        Assert.Equal(2, _pageFetches);
        Assert.Single(await host.Store.ListAsync("local", CancellationToken.None));
    }

    [Fact]
    public async Task IngestFeedItemAsync_NoLink_UsesGuidSource()
    {
        await using var host = await RetrievalTestHost.CreateAsync();
        var item = new FeedItem("urn:entry:9", "Geothermal", null, null, "Geothermal plants use heat from deep underground.", null);

        var result = await host.Pipeline.IngestFeedItemAsync("local", item, null, CancellationToken.None);
        var again = await host.Pipeline.IngestFeedItemAsync("local", item, null, CancellationToken.None);

        Assert.Equal("feed-item:urn:entry:9", result.Source);
        Assert.Equal(IngestOutcome.Unchanged, again.Outcome);
    }
}
