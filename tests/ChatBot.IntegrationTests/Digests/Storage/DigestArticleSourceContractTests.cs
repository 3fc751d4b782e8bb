using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.IntegrationTests.Digests.Storage;

/// <summary>What every <see cref="IDigestArticleSource"/> must do (it reads the article store's table); runs on SQLite and PostgreSQL.</summary>
public abstract class DigestArticleSourceContractTests(SqlDialect dialect) : IAsyncLifetime
{
    private readonly DigestFixture _fx = new(dialect);

    public Task InitializeAsync() => _fx.InitializeAsync();

    public Task DisposeAsync() => _fx.DisposeAsync();

    private DateTimeOffset Now => _fx.Time.GetUtcNow();

    [Fact]
    public async Task GetWindow_ChannelWithoutFeeds_ArticlesIngestedInTheWindowNewestFirst()
    {
        var start = Now;
        await _fx.AddArticleAsync("Before", "https://www.a.example/0");
        _fx.Time.Advance(TimeSpan.FromMinutes(1));
        await _fx.AddArticleAsync("First", "https://www.a.example/1");
        _fx.Time.Advance(TimeSpan.FromMinutes(1));
        await _fx.AddArticleAsync("Second", "https://b.example/2");

        var window = await _fx.ArticleSource.GetWindowAsync("local", "discord", "c1", start, Now, 10, default);

        Assert.Equal(["Second", "First"], window.Select(a => a.Title));
        Assert.Equal(["b.example", "a.example"], window.Select(a => a.SourceName));
        Assert.Equal(Now, window[0].IngestedAt);
    }

    [Fact]
    public async Task GetWindow_ChannelWithFeeds_OnlyItsFeedItemsNamedByTheFeed()
    {
        var start = Now;
        var (feed, _) = await _fx.Feeds.AddAsync("local", "https://feeds.example/rss", "discord", "c1", Now, default);
        await _fx.Feeds.RecordSuccessAsync(feed.Id, null, null, "Example feed", default);
        _fx.Time.Advance(TimeSpan.FromMinutes(1));
        var fromFeed = await _fx.AddArticleAsync("From the feed", "https://a.example/f", feedId: feed.Id);
        await _fx.Feeds.AddItemAsync(feed.Id, "item-1", fromFeed, Now, default);
        await _fx.AddArticleAsync("Elsewhere", "https://a.example/e");

        var window = await _fx.ArticleSource.GetWindowAsync("local", "discord", "c1", start, Now, 10, default);
        var otherChannel = await _fx.ArticleSource.GetWindowAsync("local", "discord", "c2", start, Now, 10, default);

        var item = Assert.Single(window);
        Assert.Equal((fromFeed, "Example feed"), (item.Id, item.SourceName));
        Assert.Equal(2, otherChannel.Count);
    }
}
