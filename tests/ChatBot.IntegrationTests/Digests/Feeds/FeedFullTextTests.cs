using System.Text;
using ChatBot.Digests;
using ChatBot.Digests.Feeds;
using ChatBot.Digests.Storage;
using ChatBot.IntegrationTests.Retrieval;
using ChatBot.IntegrationTests.Retrieval.Ingestion.Web;
using ChatBot.IntegrationTests.Retrieval.Storage.Sql;
using ChatBot.Retrieval.Ingestion.Feeds;
using ChatBot.Retrieval.Storage.Sql;
using ChatBot.Retrieval.Summaries;
using ChatBot.TestKit.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatBot.IntegrationTests.Digests.Feeds;

/// <summary>
/// Subscriptions index full articles: the real poller, reader, pipeline and digest on one SQLite file, with the feed
/// and its pages served from 127.0.0.1. A teaser's page is fetched; a page that fails falls back to the item's text; a
/// long content:encoded is the article itself (no fetch). The item's link, author and date stay on the article.
/// </summary>
public sealed class FeedFullTextTests : IAsyncLifetime
{
    private static readonly string LongArticle = string.Join(' ', Enumerable.Range(1, 30).Select(i =>
        $"Paragraph {i} explains how kite generators fly crosswind loops to pull a tether from a drum on the ground."));

    private LocalWebServer _server = null!;
    private int _inlineFetches;

    public async Task InitializeAsync() => _server = await LocalWebServer.StartAsync(app =>
    {
        app.MapGet("/feed.xml", () => Results.Text(Feed(_server.BaseUri), "text/rss+xml", Encoding.UTF8));
        app.MapGet("/posts/tidal", () => Results.Content(WebArticleFetcherTests.Page, "text/html"));
        app.MapGet("/posts/gone", () => Results.NotFound());
        app.MapGet("/posts/kites", () =>
        {
            Interlocked.Increment(ref _inlineFetches);
            return Results.Content("<html><body><p>Cookie banner only.</p></body></html>", "text/html");
        });
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task RunOnce_Subscription_IndexesFullArticlesAndTheDigestSummarisesThem()
    {
        await using var host = await RetrievalTestHost.CreateAsync();
        var connections = host.Services.GetRequiredService<SqliteConnectionFactory>();
        await TestDatabase.Migrator(connections, TimeProvider.System, DigestSchema.Migration, DigestSchema.LibrariesMigration(Core.Libraries.LibraryNames.Local)).MigrateAsync(CancellationToken.None);
        var feeds = new FeedStore(connections);
        var (feed, _) = await feeds.AddAsync("local", _server.Url("feed.xml").AbsoluteUri, "discord", "c1", TimeProvider.System.GetUtcNow(), default);
        var publisher = new RecordingPublisher();
        var poller = new FeedPoller(feeds, new FeedItemIngestor(host.Pipeline), [publisher], TimeProvider.System,
            Options.Create(new FeedOptions { JitterSeconds = 0 }), NullLogger<FeedPoller>.Instance, host.Services.GetRequiredService<IFeedClient>());

        await poller.RunOnceAsync(default);

        var articles = (await host.Store.ListAsync("local", default)).ToDictionary(a => a.Url ?? a.Source);
        var tidal = articles[_server.Url("posts/tidal").AbsoluteUri];
        var tidalText = await host.Store.GetTextAsync(tidal.Id, default);
        Assert.Contains("Sihwa Lake in South Korea", tidalText, StringComparison.Ordinal); // the page, not the teaser
        Assert.Equal(("Marina Costa", new DateTimeOffset(2025, 1, 6, 10, 0, 0, TimeSpan.Zero)), (tidal.Author, tidal.PublishedAt));
        Assert.Equal(feed.Id, tidal.FeedId);
        var gone = articles[_server.Url("posts/gone").AbsoluteUri];
        Assert.Equal("Wave farms turn the swell into power with floating hinged rafts.", await host.Store.GetTextAsync(gone.Id, default));
        var kites = articles[_server.Url("posts/kites").AbsoluteUri];
        Assert.Equal(LongArticle, await host.Store.GetTextAsync(kites.Id, default));
        Assert.Equal(0, _inlineFetches);
        Assert.Empty(publisher.Posts);

        var scheduler = new DigestScheduler(new DigestScheduleStore(connections), new DigestPostLog(connections),
            new DigestArticleSource(connections), new DigestComposer(new ExtractiveSummarizer(), Options.Create(new DigestOptions())),
            [publisher], TimeProvider.System, Options.Create(new DigestOptions()), NullLogger<DigestScheduler>.Instance);
        var digest = Assert.Single(await scheduler.PreviewAsync("local", "discord", "c1", default));
        var story = Assert.Single(digest.Items, i => i.Url == tidal.Url);
        Assert.DoesNotContain("Short teaser", story.Text, StringComparison.Ordinal);
        Assert.Contains(story.Text[..40], tidalText, StringComparison.Ordinal); // summarised from the page's text
        Assert.Equal(3, digest.Items.Count);
    }

    private static string Feed(Uri baseUri) => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
        <channel><title>Energy</title><link>{baseUri}</link>
        <item><title>Tidal power explained</title><link>{baseUri}posts/tidal</link><guid isPermaLink="false">p1</guid>
          <dc:creator>Marina Costa</dc:creator><pubDate>Mon, 06 Jan 2025 10:00:00 +0000</pubDate>
          <description>Short teaser. [&amp;hellip;]</description></item>
        <item><title>Wave farms</title><link>{baseUri}posts/gone</link><guid isPermaLink="false">p2</guid>
          <description>&lt;p&gt;Wave farms turn the swell into power with floating hinged rafts.&lt;/p&gt;</description></item>
        <item><title>Kite power</title><link>{baseUri}posts/kites</link><guid isPermaLink="false">p3</guid>
          <description>Kites pull generators.</description>
          <content:encoded><![CDATA[<p>{LongArticle}</p>]]></content:encoded></item>
        </channel></rss>
        """;
}
