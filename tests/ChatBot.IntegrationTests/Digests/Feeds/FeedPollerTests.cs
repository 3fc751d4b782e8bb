using ChatBot.Core.Model;
using ChatBot.Core.Retrieval;
using ChatBot.Digests.Feeds;
using ChatBot.Retrieval.Ingestion.Feeds;
using ChatBot.Retrieval.Storage.Sql;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace ChatBot.IntegrationTests.Digests.Feeds;

/// <summary>Runs on both providers: <c>SqliteFeedPollerTests</c> and <c>PostgresFeedPollerTests</c>.</summary>
public abstract class FeedPollerTests(SqlDialect dialect) : IAsyncLifetime
{
    private static readonly Uri FeedUrl = new("https://feeds.example/rss");
    private readonly DigestFixture _fx = new(dialect);
    private readonly Mock<IFeedClient> _client = new(MockBehavior.Strict);
    private readonly Mock<IFeedItemIngestor> _ingestor = new();
    private readonly RecordingPublisher _publisher = new();

    public Task InitializeAsync() => _fx.InitializeAsync();

    public Task DisposeAsync() => _fx.DisposeAsync();

    [Fact]
    public async Task RunOnce_RepeatedFailures_OneNoticeThenRecovery()
    {
        await _fx.Feeds.AddAsync("local", FeedUrl.AbsoluteUri, "discord", "c1", _fx.Time.GetUtcNow(), default);
        _client.Setup(c => c.FetchAsync(FeedUrl, It.IsAny<string?>(), It.IsAny<DateTimeOffset?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new IngestionException("HTTP 403 Forbidden"));
        var poller = Poller();

        for (var i = 0; i < 5; i++)
        {
            await poller.RunOnceAsync(default);
            _fx.Time.Advance(TimeSpan.FromMinutes(_fx.FeedOptions.PollIntervalMinutes));
        }

        var notice = Assert.Single(_publisher.Posts);
        Assert.Equal("c1", notice.Channel);
        Assert.Equal("Feed https://feeds.example/rss failing since 2025-03-24 06:00 UTC: HTTP 403 Forbidden", notice.Reply.Text);

        _client.Setup(c => c.FetchAsync(FeedUrl, It.IsAny<string?>(), It.IsAny<DateTimeOffset?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new FeedFetchResult(false, "\"v1\"", null, "Example News", []));
        await poller.RunOnceAsync(default);

        Assert.Equal(2, _publisher.Posts.Count);
        Assert.Contains("Example News has recovered", _publisher.Posts[1].Reply.Text);
        var feed = Assert.Single(await _fx.Feeds.ListAsync("local", "discord", "c1", default));
        Assert.Equal(0, feed.FailureCount);
        Assert.Null(feed.FailingSince);
    }

    [Fact]
    public async Task RunOnce_SameItemsTwice_IngestsEachItemOnceAndSendsValidators()
    {
        var (feed, _) = await _fx.Feeds.AddAsync("local", FeedUrl.AbsoluteUri, "discord", "c1", _fx.Time.GetUtcNow(), default);
        var items = new[]
        {
            new FeedItem("guid-1", "First", new Uri("https://feeds.example/1"), null, "First body.", null),
            new FeedItem("guid-2", "Second", new Uri("https://feeds.example/2"), null, "Second body.", null),
        };
        var lastModified = new DateTimeOffset(2025, 3, 24, 5, 0, 0, TimeSpan.Zero);
        _client.Setup(c => c.FetchAsync(FeedUrl, null, null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new FeedFetchResult(false, "\"v1\"", lastModified, "Example", items));
        _client.Setup(c => c.FetchAsync(FeedUrl, "\"v1\"", lastModified, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new FeedFetchResult(false, "\"v1\"", lastModified, "Example", items));
        var articleId = 0L;
        _ingestor.Setup(i => i.IngestAsync(It.Is<Feed>(f => f.Id == feed.Id), It.IsAny<FeedItem>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((Feed _, FeedItem item, CancellationToken _) =>
                new IngestResult(item.Link!.AbsoluteUri, IngestOutcome.Added, new Article(++articleId, item.Link.AbsoluteUri, item.Title, null, null, null, DateTimeOffset.UnixEpoch, "h", 0)));
        var poller = Poller();

        await poller.RunOnceAsync(default);
        _fx.Time.Advance(TimeSpan.FromMinutes(_fx.FeedOptions.PollIntervalMinutes));
        await poller.RunOnceAsync(default);

        _ingestor.Verify(i => i.IngestAsync(It.Is<Feed>(f => f.Id == feed.Id), It.IsAny<FeedItem>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
        _client.Verify(c => c.FetchAsync(FeedUrl, "\"v1\"", lastModified, It.IsAny<CancellationToken>()), Times.Once);
        Assert.Equal(2, (await _fx.Feeds.FindKnownItemsAsync(feed.Id, ["guid-1", "guid-2", "guid-3"], default)).Count);
    }

    [Fact]
    public async Task RunOnce_OneFeedThrows_OtherFeedsStillPolled()
    {
        var broken = new Uri("https://broken.example/rss");
        await _fx.Feeds.AddAsync("local", broken.AbsoluteUri, "discord", "c1", _fx.Time.GetUtcNow(), default);
        await _fx.Feeds.AddAsync("local", FeedUrl.AbsoluteUri, "discord", "c1", _fx.Time.GetUtcNow(), default);
        _client.Setup(c => c.FetchAsync(broken, It.IsAny<string?>(), It.IsAny<DateTimeOffset?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("bug"));
        _client.Setup(c => c.FetchAsync(FeedUrl, It.IsAny<string?>(), It.IsAny<DateTimeOffset?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new FeedFetchResult(true, null, null, null, []));

        await Poller().RunOnceAsync(default);

        _client.Verify(c => c.FetchAsync(FeedUrl, It.IsAny<string?>(), It.IsAny<DateTimeOffset?>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task RunOnce_FeedReadWithAWarning_ShowsItInTheStatusUntilACleanRead()
    {
        await _fx.Feeds.AddAsync("local", FeedUrl.AbsoluteUri, "discord", "c1", _fx.Time.GetUtcNow(), default);
        var warned = new FeedFetchResult(false, "\"v1\"", null, "Example", []) { Warning = "the feed is not well-formed XML after entry 3" };
        _client.SetupSequence(c => c.FetchAsync(FeedUrl, It.IsAny<string?>(), It.IsAny<DateTimeOffset?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(warned)
            .ReturnsAsync(new FeedFetchResult(true, "\"v1\"", null, null, []))
            .ReturnsAsync(new FeedFetchResult(false, "\"v2\"", null, "Example", []));
        var poller = Poller();
        var errors = new List<string?>();

        for (var i = 0; i < 3; i++)
        {
            await poller.RunOnceAsync(default);
            errors.Add(Assert.Single(await _fx.Feeds.ListAsync("local", "discord", "c1", default)).LastError);
            _fx.Time.Advance(TimeSpan.FromMinutes(_fx.FeedOptions.PollIntervalMinutes));
        }

        Assert.Equal([warned.Warning, warned.Warning, null], errors); // kept through the 304, cleared by the clean read
        Assert.Equal(0, Assert.Single(await _fx.Feeds.ListAsync("local", "discord", "c1", default)).FailureCount);
        Assert.Empty(_publisher.Posts);
    }

    private FeedPoller Poller() =>
        new(_fx.Feeds, _ingestor.Object, [_publisher], _fx.Time, Microsoft.Extensions.Options.Options.Create(_fx.FeedOptions), NullLogger<FeedPoller>.Instance, _client.Object);
}
