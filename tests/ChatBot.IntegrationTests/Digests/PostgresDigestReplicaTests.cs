using System.Diagnostics.CodeAnalysis;
using ChatBot.Core.Chat;
using ChatBot.Core.Conversations;
using ChatBot.Core.Model;
using ChatBot.Digests;
using ChatBot.Digests.Feeds;
using ChatBot.Digests.Storage;
using ChatBot.IntegrationTests.Retrieval.Storage.Sql;
using ChatBot.Retrieval;
using ChatBot.Retrieval.Ingestion;
using ChatBot.Retrieval.Ingestion.Feeds;
using ChatBot.Retrieval.Storage;
using ChatBot.Retrieval.Storage.Articles;
using ChatBot.Retrieval.Storage.Conversations;
using ChatBot.Retrieval.Storage.Sql;
using ChatBot.Worker.ConsolePlatform;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace ChatBot.IntegrationTests.Digests;

/// <summary>
/// Two replicas — two service providers built as the worker builds them (<c>AddRetrieval</c> + <c>AddDigests</c> with
/// <c>Storage:Provider=Postgres</c>) — on one PostgreSQL database: a slot is posted once, a dead holder's slot is
/// posted once by the other, a feed poll is done once, and conversation turns are shared.
/// </summary>
[Collection(PostgresCollection.Name)]
[SuppressMessage("Design", "CA1001", Justification = "Disposed in IAsyncLifetime.DisposeAsync.")]
public sealed class PostgresDigestReplicaTests : IAsyncLifetime
{
    private const string Channel = "c1";
    private static readonly Uri FeedUrl = new("https://feeds.example/rss");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 24, 6, 0, 0, TimeSpan.Zero));
    private readonly RecordingPublisher _publisherA = new();
    private readonly RecordingPublisher _publisherB = new();
    private readonly Mock<IFeedClient> _client = new(MockBehavior.Strict);
    private readonly Mock<IFeedItemIngestor> _ingestor = new();
    private PostgresTestSchema _schema = null!;
    private ServiceProvider _a = null!;
    private ServiceProvider _b = null!;

    public async Task InitializeAsync()
    {
        _schema = await PostgresTestServer.CreateSchemaAsync();
        _a = Replica(_publisherA);
        _b = Replica(_publisherB);
        await Task.WhenAll(
            _a.GetRequiredService<ISchemaMigrator>().MigrateAsync(CancellationToken.None),
            _b.GetRequiredService<ISchemaMigrator>().MigrateAsync(CancellationToken.None));
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _schema.DisposeAsync();
    }

    [Fact]
    public void AddDigests_ProviderPostgres_RegistersPostgresStoresAndNoSqlite()
    {
        // One store class per role runs on the database of Storage:Provider.
        Assert.IsType<PostgresConnectionFactory>(_a.GetRequiredService<SqlDatabase>());
        Assert.IsType<PostgresMigrator>(_a.GetRequiredService<ISchemaMigrator>());
        Assert.IsType<DigestScheduleStore>(_a.GetRequiredService<IDigestScheduleStore>());
        Assert.IsType<DigestPostLog>(_a.GetRequiredService<IDigestPostLog>());
        Assert.IsType<FeedStore>(_a.GetRequiredService<IFeedStore>());
        Assert.IsType<DigestArticleSource>(_a.GetRequiredService<IDigestArticleSource>());
        Assert.IsType<ConversationStore>(_a.GetRequiredService<IConversationStore>());
        Assert.Null(_a.GetService<SqliteConnectionFactory>());
    }

    [Fact]
    public async Task RunOnce_TwoReplicasAtTheSameSlot_ExactlyOnePost()
    {
        await _a.GetRequiredService<IDigestScheduleStore>().SetAsync("local", "discord", Channel, "0 8 * * *", "UTC", _time.GetUtcNow(), default);
        _time.SetUtcNow(new DateTimeOffset(2025, 3, 24, 7, 0, 0, TimeSpan.Zero));
        await AddArticleAsync(_a, "Platypus facts");
        _time.SetUtcNow(new DateTimeOffset(2025, 3, 24, 8, 0, 0, TimeSpan.Zero));
        var schedulerA = _a.GetRequiredService<DigestScheduler>();
        var schedulerB = _b.GetRequiredService<DigestScheduler>();

        await Task.WhenAll(Task.Run(() => schedulerA.RunOnceAsync(default)), Task.Run(() => schedulerB.RunOnceAsync(default)));
        await Task.WhenAll(Task.Run(() => schedulerA.RunOnceAsync(default)), Task.Run(() => schedulerB.RunOnceAsync(default)));

        var post = Assert.Single(_publisherA.Posts.Concat(_publisherB.Posts));
        Assert.Contains("Platypus facts", Assert.Single(post.Reply.Items).Title, StringComparison.Ordinal);
        Assert.Equal(DigestPost.Posted, Assert.Single(await _b.GetRequiredService<IDigestPostLog>().ListAsync("discord", Channel, default)).Status);
    }

    [Fact]
    public async Task RunOnce_ReplicaWithoutThePlatform_LeavesTheSlotToOneThatHasIt()
    {
        // A Slack-only replica must not claim a Discord slot (it would fail to post it and delay it by a retry).
        var slackOnly = new RecordingPublisher("slack");
        await using var c = Replica(slackOnly);
        await _a.GetRequiredService<IDigestScheduleStore>().SetAsync("local", "discord", Channel, "0 8 * * *", "UTC", _time.GetUtcNow(), default);
        _time.SetUtcNow(new DateTimeOffset(2025, 3, 24, 7, 0, 0, TimeSpan.Zero));
        await AddArticleAsync(_a, "Platypus facts");
        _time.SetUtcNow(new DateTimeOffset(2025, 3, 24, 8, 0, 0, TimeSpan.Zero));

        await c.GetRequiredService<DigestScheduler>().RunOnceAsync(default);
        var afterSlackOnly = await _a.GetRequiredService<IDigestPostLog>().ListAsync("discord", Channel, default);
        await _a.GetRequiredService<DigestScheduler>().RunOnceAsync(default);

        Assert.Empty(afterSlackOnly);
        Assert.Empty(slackOnly.Posts);
        Assert.Single(_publisherA.Posts);
        Assert.Equal(DigestPost.Posted, Assert.Single(await _a.GetRequiredService<IDigestPostLog>().ListAsync("discord", Channel, default)).Status);
    }

    [Fact]
    public async Task RunOnce_HolderDiedMidSlot_OtherReplicaPostsItOnceAfterTheLease()
    {
        await _a.GetRequiredService<IDigestScheduleStore>().SetAsync("local", "discord", Channel, "0 8 * * *", "UTC", _time.GetUtcNow(), default);
        _time.SetUtcNow(new DateTimeOffset(2025, 3, 24, 7, 0, 0, TimeSpan.Zero));
        await AddArticleAsync(_a, "Platypus facts");
        var slot = new DateTimeOffset(2025, 3, 24, 8, 0, 0, TimeSpan.Zero);
        _time.SetUtcNow(slot);
        var lease = TimeSpan.FromSeconds(new DigestOptions().LeaseSeconds);
        var claim = await _a.GetRequiredService<IDigestPostLog>().TryClaimAsync(
            "local", "discord", Channel, slot, catchUp: false, missedSlots: 0, _a.GetRequiredService<DigestScheduler>().InstanceId,
            slot, slot + lease, slot.AddHours(-24), default);
        await _a.DisposeAsync(); // replica A is killed after claiming, before posting
        _a = Replica(_publisherA);
        var schedulerB = _b.GetRequiredService<DigestScheduler>();

        _time.Advance(lease - TimeSpan.FromSeconds(1));
        await schedulerB.RunOnceAsync(default);
        var beforeExpiry = _publisherB.Posts.Count;
        _time.Advance(TimeSpan.FromSeconds(1));
        await schedulerB.RunOnceAsync(default);
        _time.Advance(TimeSpan.FromMinutes(10));
        await schedulerB.RunOnceAsync(default);

        Assert.NotNull(claim);
        Assert.Equal(0, beforeExpiry);
        Assert.Single(_publisherB.Posts);
        Assert.Empty(_publisherA.Posts);
        var post = Assert.Single(await _b.GetRequiredService<IDigestPostLog>().ListAsync("discord", Channel, default));
        Assert.Equal((DigestPost.Posted, 2), (post.Status, post.Attempts));
    }

    [Fact]
    public async Task RunOnce_FeedDueOnTwoReplicas_FetchedByOne()
    {
        await _a.GetRequiredService<IFeedStore>().AddAsync("local", FeedUrl.AbsoluteUri, "discord", Channel, _time.GetUtcNow(), default);
        var fetches = 0;
        _client.Setup(c => c.FetchAsync(FeedUrl, It.IsAny<string?>(), It.IsAny<DateTimeOffset?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(() =>
            {
                Interlocked.Increment(ref fetches);
                return new FeedFetchResult(false, null, null, "Example feed", [new FeedItem("item-1", "Platypus facts", new Uri("https://a.example/1"), null, "Text.", null)]);
            });
        _ingestor.Setup(i => i.IngestAsync(It.IsAny<Feed>(), It.IsAny<FeedItem>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((Feed _, FeedItem item, CancellationToken _) =>
                new IngestResult(item.Link!.AbsoluteUri, IngestOutcome.Added, new Article(1, item.Link.AbsoluteUri, item.Title, null, null, null, DateTimeOffset.UnixEpoch, "h", 0)));

        await Task.WhenAll(
            Task.Run(() => _a.GetRequiredService<FeedPoller>().RunOnceAsync(default)),
            Task.Run(() => _b.GetRequiredService<FeedPoller>().RunOnceAsync(default)));

        Assert.Equal(1, fetches);
        _ingestor.Verify(i => i.IngestAsync(It.IsAny<Feed>(), It.IsAny<FeedItem>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task GetTurns_FollowUpOnReplicaB_SeesTurnsWrittenByReplicaA()
    {
        var at = _time.GetUtcNow();
        var conversationsA = _a.GetRequiredService<IConversationStore>();
        await conversationsA.AppendAsync("slack:T1", "slack", "C1", "T1", new ConversationTurn(ConversationRole.User, "What do platypuses eat?", at), default);
        await conversationsA.AppendAsync("slack:T1", "slack", "C1", "T1", new ConversationTurn(ConversationRole.Bot, "Worms and shrimp.", at.AddSeconds(2)), default);

        var turns = await _b.GetRequiredService<IConversationStore>().GetTurnsAsync("slack:T1", "slack", "C1", "T1", 10, default);

        Assert.Equal(["What do platypuses eat?", "Worms and shrimp."], turns.Select(t => t.Text));
    }

    private ServiceProvider Replica(RecordingPublisher publisher)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:ConnectionString"] = _schema.ConnectionString,
            ["Feeds:JitterSeconds"] = "0",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton(new ConsoleIo(TextReader.Null, TextWriter.Null));
        services.AddSingleton<IChatPublisher>(publisher);
        services.AddSingleton(_client.Object);
        services.AddSingleton(_ingestor.Object);
        services.AddRetrieval(configuration);
        services.AddDigests(configuration);
        return services.BuildServiceProvider();
    }

    private async Task AddArticleAsync(ServiceProvider replica, string title)
    {
        var body = $"{title}. The platypus is a semiaquatic mammal from eastern Australia with enough words in this sentence. It lays eggs.";
        await replica.GetRequiredService<IArticleStore>().SaveAsync(
            new ArticleDraft("https://a.example/" + title.Length, title, body, "https://a.example/" + title.Length), ContentHash.Of(body), [], [], default);
    }
}
