using ChatBot.IntegrationTests.Digests;
using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.IntegrationTests.Libraries;

/// <summary>A posted digest reads only its schedule's library, whatever other libraries indexed in the same window.</summary>
public abstract class LibraryDigestContractTests(SqlDialect dialect) : IAsyncLifetime
{
    private const string Channel = "c1";
    private const string LibraryA = "discord:1";
    private const string LibraryB = "discord:2";
    private readonly DigestFixture _fx = new(dialect);

    public Task InitializeAsync() => _fx.InitializeAsync();

    public Task DisposeAsync() => _fx.DisposeAsync();

    [Fact]
    public async Task RunOnce_ChannelWithoutFeeds_PostsOnlyTheSchedulesLibrary()
    {
        _fx.SetUtc(3, 24, 6);
        await _fx.Schedules.SetAsync(LibraryA, "discord", Channel, "0 8 * * *", "UTC", _fx.Time.GetUtcNow(), default);
        await _fx.AddArticleAsync("Alpha harbour story", "https://a.example/1", library: LibraryA);
        await _fx.AddArticleAsync("Bravo harbour story", "https://b.example/1", library: LibraryB);
        await _fx.AddArticleAsync("Local harbour story", "https://l.example/1");
        var publisher = new RecordingPublisher();

        _fx.SetUtc(3, 24, 8);
        await _fx.Scheduler(publisher).RunOnceAsync(default);

        var post = Assert.Single(publisher.Posts);
        Assert.Equal("Alpha harbour story", Assert.Single(post.Reply.Items).Title);
        Assert.Equal(LibraryA, Assert.Single(await _fx.Posts.ListAsync("discord", Channel, default)).Library);
    }

    [Fact]
    public async Task RunOnce_AnotherLibrarysFeedOnTheChannel_NeitherItsItemsNorAFeedChannelForThisLibrary()
    {
        _fx.SetUtc(3, 24, 6);
        await _fx.Schedules.SetAsync(LibraryA, "discord", Channel, "0 8 * * *", "UTC", _fx.Time.GetUtcNow(), default);
        var (feedB, _) = await _fx.Feeds.AddAsync(LibraryB, "https://b.example/rss", "discord", Channel, _fx.Time.GetUtcNow(), default);
        var fromFeed = await _fx.AddArticleAsync("Bravo feed story", "https://b.example/2", feedId: feedB.Id, library: LibraryB);
        await _fx.Feeds.AddItemAsync(feedB.Id, "b-2", fromFeed, _fx.Time.GetUtcNow(), default);
        await _fx.AddArticleAsync("Alpha harbour story", "https://a.example/1", library: LibraryA);
        var publisher = new RecordingPublisher();

        _fx.SetUtc(3, 24, 8);
        await _fx.Scheduler(publisher).RunOnceAsync(default);

        Assert.Equal("Alpha harbour story", Assert.Single(Assert.Single(publisher.Posts).Reply.Items).Title);
    }
}
