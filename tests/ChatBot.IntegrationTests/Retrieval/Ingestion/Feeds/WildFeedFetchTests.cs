using System.Text;
using ChatBot.Core.Model;
using ChatBot.Core.Retrieval;
using ChatBot.Retrieval.Ingestion.Feeds;
using ChatBot.TestKit.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.IntegrationTests.Retrieval.Ingestion.Feeds;

/// <summary>Feeds as servers send them (feed media types, HTTP charsets, DOCTYPEs, JSON), through the feed client and `ingest &lt;feed-url&gt;`.</summary>
public sealed class WildFeedFetchTests : IAsyncLifetime
{
    private const string Netscape091 = """
        <?xml version="1.0" encoding="windows-1252"?>
        <!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
        <rss version="0.91"><channel><title>Café Chronicle</title><link>https://cafe.example/</link><description>d</description>
        <item><title>Prices</title><description>Coffee now costs 3 € &mdash; a café classic, served all day long.</description></item>
        </channel></rss>
        """;

    private const string Json = """
        {"version": "https://jsonfeed.org/version/1.1", "title": "Micro", "items": [
          {"id": "k1", "title": "Kites", "content_text": "Kites fly figure-eights to pull a generator on the ground."}]}
        """;

    private LocalWebServer _server = null!;

    static WildFeedFetchTests() => FeedEncoding.Register();

    public async Task InitializeAsync()
    {
        _server = await LocalWebServer.StartAsync(app =>
        {
            app.MapGet("/rss091", () => Results.Bytes(Encoding.GetEncoding(1252).GetBytes(Netscape091), "text/rss+xml"));
            app.MapGet("/cyrillic", () => Results.Bytes(
                Encoding.GetEncoding(1251).GetBytes("""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Новости</title><item><title>Прилив</title><description>Море даёт энергию.</description></item></channel></rss>"""),
                "application/xml; charset=windows-1251"));
            app.MapGet("/feed.json", () => Results.Text(Json, "application/feed+json"));
            app.MapGet("/page", () => Results.Content("<html><body><p>hello</p></body></html>", "text/html"));
            app.MapGet("/forbidden", () => Results.StatusCode(403));
        });
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task FetchAsync_TextRssXmlWithDoctypeInWindows1252_ReadsTheItem()
    {
        await using var host = await RetrievalTestHost.CreateAsync();

        var feed = await host.Services.GetRequiredService<IFeedClient>().FetchAsync(_server.Url("rss091"), null, null, CancellationToken.None);

        Assert.Equal("Café Chronicle", feed.Title);
        var item = Assert.Single(feed.Items);
        Assert.Equal("Coffee now costs 3 € — a café classic, served all day long.", item.Content);
    }

    [Fact]
    public async Task FetchAsync_HttpCharset_OutranksAWrongDeclaration()
    {
        await using var host = await RetrievalTestHost.CreateAsync();

        var feed = await host.Services.GetRequiredService<IFeedClient>().FetchAsync(_server.Url("cyrillic"), null, null, CancellationToken.None);

        Assert.Equal("Новости", feed.Title);
        Assert.Equal(("Прилив", "Море даёт энергию."), (feed.Items[0].Title, feed.Items[0].Content));
        Assert.Null(feed.Warning);
    }

    [Theory]
    [InlineData("page", "is a web page (text/html), not a feed")]
    [InlineData("forbidden", "HTTP 403")]
    public async Task FetchAsync_NotAFeed_SaysWhy(string path, string message)
    {
        await using var host = await RetrievalTestHost.CreateAsync();

        var ex = await Assert.ThrowsAsync<IngestionException>(() => host.Services.GetRequiredService<IFeedClient>().FetchAsync(_server.Url(path), null, null, CancellationToken.None));

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rss091", "Prices", "Coffee now costs 3 € — a café classic, served all day long.")]
    [InlineData("feed.json", "Kites", "Kites fly figure-eights to pull a generator on the ground.")]
    public async Task IngestAsync_FeedUrl_ReadsTheFeedWithTheSameReader(string path, string title, string text)
    {
        await using var host = await RetrievalTestHost.CreateAsync();

        var results = await host.Pipeline.IngestAsync("local", _server.Url(path).AbsoluteUri, CancellationToken.None);

        var result = Assert.Single(results);
        Assert.Equal(IngestOutcome.Added, result.Outcome);
        Assert.Equal(title, result.Article!.Title);
        Assert.Equal(text, await host.Store.GetTextAsync(result.Article.Id, CancellationToken.None));
    }
}
