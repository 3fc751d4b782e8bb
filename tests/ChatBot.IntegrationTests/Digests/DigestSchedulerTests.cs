using ChatBot.Core.Chat;
using ChatBot.Digests.Storage;
using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.IntegrationTests.Digests;

/// <summary>Runs on both providers: <c>SqliteDigestSchedulerTests</c> and <c>PostgresDigestSchedulerTests</c>.</summary>
public abstract partial class DigestSchedulerTests(SqlDialect dialect) : IAsyncLifetime
{
    private const string Channel = "c1";
    private readonly DigestFixture _fx = new(dialect);

    public Task InitializeAsync() => _fx.InitializeAsync();

    public Task DisposeAsync() => _fx.DisposeAsync();

    [Fact]
    public async Task RunOnce_BerlinScheduleAcrossDstChange_FiresAtEightLocalTime()
    {
        _fx.SetUtc(3, 29, 5);
        await _fx.Schedules.SetAsync("local", "discord", Channel, "0 8 * * *", "Europe/Berlin", _fx.Time.GetUtcNow(), default);
        await _fx.AddArticleAsync("Saturday story", "https://a.example/sat");
        var publisher = new RecordingPublisher();
        var scheduler = _fx.Scheduler(publisher);

        _fx.SetUtc(3, 29, 6, 59);
        var next = await scheduler.RunOnceAsync(default);
        Assert.Empty(publisher.Posts);
        Assert.Equal(new DateTimeOffset(2025, 3, 29, 7, 0, 0, TimeSpan.Zero), next);

        _fx.SetUtc(3, 29, 7);
        next = await scheduler.RunOnceAsync(default);
        Assert.Single(publisher.Posts);
        Assert.Equal(new DateTimeOffset(2025, 3, 30, 6, 0, 0, TimeSpan.Zero), next); // 08:00 CEST after the clocks went forward

        _fx.SetUtc(3, 30, 5, 30);
        await _fx.AddArticleAsync("Sunday story", "https://a.example/sun");
        _fx.SetUtc(3, 30, 5, 59);
        await scheduler.RunOnceAsync(default);
        Assert.Single(publisher.Posts);

        _fx.SetUtc(3, 30, 6);
        await scheduler.RunOnceAsync(default);

        Assert.Equal(2, publisher.Posts.Count);
        var slots = (await _fx.Posts.ListAsync("discord", Channel, default)).Select(p => p.Slot).ToList();
        Assert.Equal([new DateTimeOffset(2025, 3, 29, 7, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 3, 30, 6, 0, 0, TimeSpan.Zero)], slots);
        Assert.Contains("Sunday story", publisher.Posts[1].Reply.Items.Single().Title);
        Assert.StartsWith("Daily digest — Sunday 30 March 2025", publisher.Posts[1].Reply.Title);
    }

    [Fact]
    public async Task RunOnce_RestartAfterPost_DoesNotPostAgain()
    {
        await ScheduleDailyAtEightUtcAsync();
        await _fx.AddArticleAsync("Story one", "https://a.example/1");
        var publisher = new RecordingPublisher();
        _fx.SetUtc(3, 24, 8);
        await _fx.Scheduler(publisher).RunOnceAsync(default);

        var restarted = _fx.Scheduler(publisher);
        await restarted.RunOnceAsync(default);
        _fx.SetUtc(3, 24, 12);
        await restarted.RunOnceAsync(default);

        Assert.Single(publisher.Posts);
    }

    [Fact]
    public async Task RunOnce_CrashBetweenComposeAndPost_PostsExactlyOnceAfterRestart()
    {
        await ScheduleDailyAtEightUtcAsync();
        await _fx.AddArticleAsync("Story one", "https://a.example/1");
        _fx.SetUtc(3, 24, 8);
        using var crash = new CancellationTokenSource();
        var crashing = new RecordingPublisher
        {
            OnPublish = (_, _, _) =>
            {
                crash.Cancel(); // the process dies after composing, before the platform accepted the post
                throw new OperationCanceledException(crash.Token);
            },
        };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _fx.Scheduler(crashing).RunOnceAsync(crash.Token));

        var publisher = new RecordingPublisher();
        var restarted = _fx.Scheduler(publisher);
        await restarted.RunOnceAsync(default);
        Assert.Empty(publisher.Posts); // the crashed claim's lease still holds

        _fx.Time.Advance(TimeSpan.FromSeconds(_fx.Options.LeaseSeconds));
        await restarted.RunOnceAsync(default);
        _fx.Time.Advance(TimeSpan.FromMinutes(10));
        await restarted.RunOnceAsync(default);

        Assert.Single(publisher.Posts);
        Assert.Equal(DigestPost.Posted, (await _fx.Posts.ListAsync("discord", Channel, default)).Single().Status);
    }

    [Fact]
    public async Task RunOnce_DowntimeOverThreeSlots_PostsOneCatchUpDigest()
    {
        await ScheduleDailyAtEightUtcAsync();
        await _fx.AddArticleAsync("Before the outage", "https://a.example/0");
        var publisher = new RecordingPublisher();
        _fx.SetUtc(3, 24, 8);
        await _fx.Scheduler(publisher).RunOnceAsync(default);

        _fx.SetUtc(3, 25, 7);
        await _fx.AddArticleAsync("During the outage", "https://a.example/1");
        _fx.SetUtc(3, 27, 9, 30); // down through the slots of the 25th, 26th and 27th
        var restarted = _fx.Scheduler(publisher);
        await restarted.RunOnceAsync(default);
        await restarted.RunOnceAsync(default);

        Assert.Equal(2, publisher.Posts.Count);
        var catchUp = publisher.Posts[1].Reply;
        Assert.StartsWith("Catch-up digest", catchUp.Title);
        Assert.Contains("3 scheduled digests", catchUp.Note);
        Assert.Equal("During the outage", Assert.Single(catchUp.Items).Title);
    }

    [Fact]
    public async Task RunOnce_BusyRoundPassedARecentSlot_PostsEachSlotOnItsOwn()
    {
        await _fx.Schedules.SetAsync("local", "discord", Channel, "*/5 * * * *", "UTC", _fx.Time.GetUtcNow(), default);
        await _fx.AddArticleAsync("Ferry strike ends in Bergen", "https://a.example/ferry");
        var publisher = new RecordingPublisher();
        var scheduler = _fx.Scheduler(publisher);
        _fx.SetUtc(3, 24, 6, 5);
        await scheduler.RunOnceAsync(default);
        _fx.SetUtc(3, 24, 6, 7);
        await _fx.AddArticleAsync("Rust 2.0 roadmap announced", "https://a.example/rust");

        // The next round starts late (another channel's retries kept the scheduler busy): 06:10 passed 5.5 minutes ago,
        // less than CatchUpAfterMinutes, and 06:15 is due as well. The bot was not away: no slot is folded into a catch-up.
        _fx.Time.SetUtcNow(new DateTimeOffset(2025, 3, 24, 6, 15, 30, TimeSpan.Zero));
        var wake = await scheduler.RunOnceAsync(default);
        Assert.Equal(_fx.Time.GetUtcNow(), wake); // another round at once for the slot still due
        await scheduler.RunOnceAsync(default);

        var rows = await _fx.Posts.ListAsync("discord", Channel, default);
        Assert.Equal([5, 10, 15], rows.Select(r => r.Slot.Minute));
        Assert.All(rows, r => Assert.False(r.CatchUp));
        Assert.Equal([DigestPost.Posted, DigestPost.Posted, DigestPost.Empty], rows.Select(r => r.Status));
        Assert.Equal("Rust 2.0 roadmap announced", Assert.Single(publisher.Posts[1].Reply.Items).Title);
    }

    [Fact]
    public async Task RunOnce_EmptyWindow_PostsNothingUnlessConfigured()
    {
        await ScheduleDailyAtEightUtcAsync();
        var publisher = new RecordingPublisher();
        _fx.SetUtc(3, 24, 8);
        await _fx.Scheduler(publisher).RunOnceAsync(default);
        Assert.Empty(publisher.Posts);

        _fx.Options.NothingNewText = "Nothing new today.";
        _fx.SetUtc(3, 25, 8);
        await _fx.Scheduler(publisher).RunOnceAsync(default);

        Assert.Equal("Nothing new today.", Assert.Single(publisher.Posts).Reply.Text);
    }

    [Fact]
    public async Task Preview_BeforeScheduledDigest_DoesNotMoveWatermark()
    {
        await ScheduleDailyAtEightUtcAsync();
        await _fx.AddArticleAsync("Story one", "https://a.example/1");
        var publisher = new RecordingPublisher();
        var scheduler = _fx.Scheduler(publisher);
        _fx.SetUtc(3, 24, 7);

        var preview = await scheduler.PreviewAsync("local", "discord", Channel, default);
        _fx.SetUtc(3, 24, 8);
        await scheduler.RunOnceAsync(default);

        Assert.StartsWith("Digest preview", Assert.Single(preview).Title);
        Assert.Equal("Story one", Assert.Single(Assert.Single(publisher.Posts).Reply.Items).Title);
    }

    [Fact]
    public async Task RunOnce_SameStoryFromTwoFeeds_OneItemWithBothSources()
    {
        await ScheduleDailyAtEightUtcAsync();
        var (feedA, _) = await _fx.Feeds.AddAsync("local", "https://a.example/feed", "discord", Channel, _fx.Time.GetUtcNow(), default);
        var (feedB, _) = await _fx.Feeds.AddAsync("local", "https://b.example/rss", "discord", Channel, _fx.Time.GetUtcNow(), default);
        _fx.SetUtc(3, 24, 7);
        var a = await _fx.AddArticleAsync("OpenAI releases GPT-5 model", "https://a.example/gpt5", feedId: feedA.Id);
        var b = await _fx.AddArticleAsync("GPT-5 model released by OpenAI", "https://b.example/news/gpt-5", feedId: feedB.Id);
        var other = await _fx.AddArticleAsync("Rust 2.0 roadmap announced", "https://b.example/rust", feedId: feedB.Id);
        await _fx.AddArticleAsync("Unrelated article not from this channel's feeds", "https://c.example/x");
        await _fx.Feeds.AddItemAsync(feedA.Id, "gpt5", a, _fx.Time.GetUtcNow(), default);
        await _fx.Feeds.AddItemAsync(feedB.Id, "gpt-5", b, _fx.Time.GetUtcNow(), default);
        await _fx.Feeds.AddItemAsync(feedB.Id, "rust", other, _fx.Time.GetUtcNow(), default);
        var publisher = new RecordingPublisher();

        _fx.SetUtc(3, 24, 8);
        await _fx.Scheduler(publisher).RunOnceAsync(default);

        var digest = Assert.Single(publisher.Posts).Reply;
        Assert.Equal(ReplyKind.Digest, digest.Kind);
        Assert.Equal(2, digest.Items.Count);
        var story = digest.Items[0]; // covered by two sources: ranked first
        Assert.Contains("GPT-5", story.Title);
        var links = new[] { story.Url }.Concat(story.Sources!.Select(s => s.Url)).ToList();
        Assert.Equal(["https://a.example/gpt5", "https://b.example/news/gpt-5"], links.Order());
    }

    private async Task AddTwoDistinctStoriesAsync()
    {
        await _fx.AddArticleAsync("Ferry strike ends in Bergen", "https://a.example/ferry", "Ferry crews in Bergen returned to work on Monday. The union accepted a new pay offer after two weeks.");
        await _fx.AddArticleAsync("Rust 2.0 roadmap announced", "https://a.example/rust", "The Rust project published a roadmap for its next edition. Compiler speed is the first goal.");
    }

    private async Task ScheduleDailyAtEightUtcAsync() =>
        await _fx.Schedules.SetAsync("local", "discord", Channel, "0 8 * * *", "UTC", _fx.Time.GetUtcNow(), default);
}
