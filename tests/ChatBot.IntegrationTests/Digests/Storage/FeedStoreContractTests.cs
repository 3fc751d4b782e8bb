using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.IntegrationTests.Digests.Storage;

/// <summary>What every <see cref="IFeedStore"/> must do; runs on SQLite and PostgreSQL.</summary>
public abstract class FeedStoreContractTests(SqlDialect dialect) : IAsyncLifetime
{
    private const string Url = "https://feeds.example/rss";
    private readonly DigestFixture _fx = new(dialect);

    public Task InitializeAsync() => _fx.InitializeAsync();

    public Task DisposeAsync() => _fx.DisposeAsync();

    private DateTimeOffset Now => _fx.Time.GetUtcNow();

    [Fact]
    public async Task Add_SameFeedTwice_SecondIsNotCreated()
    {
        var (first, created) = await _fx.Feeds.AddAsync("local", Url, "discord", "c1", Now, default);
        var (second, createdAgain) = await _fx.Feeds.AddAsync("local", Url, "discord", "c1", Now, default);

        Assert.True(created);
        Assert.False(createdAgain);
        Assert.Equal(first.Id, second.Id);
        Assert.Equal(Now, first.NextPollAt);
    }

    [Fact]
    public async Task TryClaimPoll_TwoPollersAtOnce_OnlyOneClaims()
    {
        var (feed, _) = await _fx.Feeds.AddAsync("local", Url, "discord", "c1", Now, default);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => _fx.Feeds.TryClaimPollAsync(feed.Id, Now, Now.AddMinutes(30), default))));

        Assert.Single(results, r => r);
        Assert.Empty(await _fx.Feeds.ListDueAsync(Now, default));
        Assert.Equal(Now.AddMinutes(30), (await _fx.Feeds.GetAsync(feed.Id, default))!.NextPollAt);
    }

    [Fact]
    public async Task AddItem_SameKeyTwice_RecordedOnceAndKnown()
    {
        var (feed, _) = await _fx.Feeds.AddAsync("local", Url, "discord", "c1", Now, default);

        Assert.True(await _fx.Feeds.AddItemAsync(feed.Id, "k1", null, Now, default));
        Assert.False(await _fx.Feeds.AddItemAsync(feed.Id, "k1", null, Now, default));

        Assert.Equal(["k1"], await _fx.Feeds.FindKnownItemsAsync(feed.Id, ["k1", "k2", "k1"], default));
    }

    [Fact]
    public async Task RecordFailure_ThenSuccess_CountsStreakThenClearsIt()
    {
        var (feed, _) = await _fx.Feeds.AddAsync("local", Url, "discord", "c1", Now, default);
        var since = Now;
        await _fx.Feeds.RecordFailureAsync(feed.Id, "HTTP 500", Now, default);
        _fx.Time.Advance(TimeSpan.FromMinutes(30));
        var failing = await _fx.Feeds.RecordFailureAsync(feed.Id, "HTTP 403", Now, default);
        var firstNotice = await _fx.Feeds.TryMarkFailureNotifiedAsync(feed.Id, default);
        var secondNotice = await _fx.Feeds.TryMarkFailureNotifiedAsync(feed.Id, default);

        await _fx.Feeds.RecordSuccessAsync(feed.Id, "\"v1\"", since, "  Example feed ", default);

        Assert.Equal(2, failing!.FailureCount);
        Assert.Equal(since, failing.FailingSince);
        Assert.Equal("HTTP 403", failing.LastError);
        Assert.True(firstNotice);
        Assert.False(secondNotice);
        var ok = (await _fx.Feeds.GetAsync(feed.Id, default))!;
        Assert.Equal((0, null, false, "\"v1\"", since, "Example feed"), (ok.FailureCount, ok.FailingSince, ok.FailureNotified, ok.ETag, ok.LastModified, ok.Title));
    }

    [Fact]
    public async Task Remove_ByIdOrUrl_RemovesOnlyThatFeed()
    {
        var (a, _) = await _fx.Feeds.AddAsync("local", Url, "discord", "c1", Now, default);
        var (b, _) = await _fx.Feeds.AddAsync("local", Url + "2", "discord", "c2", Now, default);
        await _fx.Feeds.AddItemAsync(a.Id, "k1", null, Now, default);

        var byId = await _fx.Feeds.RemoveAsync("local", "discord", "c9", "#" + a.Id, default);
        var byUrl = await _fx.Feeds.RemoveAsync("local", "discord", "c2", Url + "2", default);

        Assert.Equal(a.Id, Assert.Single(byId).Id);
        Assert.Equal(b.Id, Assert.Single(byUrl).Id);
        Assert.Empty(await _fx.Feeds.ListAsync("local", "discord", "c1", default));
        Assert.Empty(await _fx.Feeds.FindKnownItemsAsync(a.Id, ["k1"], default));
    }
}
