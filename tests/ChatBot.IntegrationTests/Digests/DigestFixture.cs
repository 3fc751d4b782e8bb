using ChatBot.Core.Chat;
using ChatBot.Core.Retrieval;
using ChatBot.Retrieval.Digests;
using ChatBot.Retrieval.Ingestion;
using ChatBot.Retrieval.Storage;
using ChatBot.Retrieval.Storage.Sqlite;
using ChatBot.Retrieval.Summaries;
using ChatBot.Worker.Digests;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.IntegrationTests.Digests;

/// <summary>A real SQLite file in a temp folder with the digest schema, a fake clock, and factories for schedulers.</summary>
public sealed class DigestFixture : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "chatbot-digests-" + Guid.NewGuid().ToString("N"));

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 3, 24, 6, 0, 0, TimeSpan.Zero));

    public DigestOptions Options { get; } = new();

    public FeedOptions FeedOptions { get; } = new() { JitterSeconds = 0, PollIntervalMinutes = 30 };

    public SqliteConnectionFactory Connections { get; private set; } = null!;

    public SqliteArticleStore Articles { get; private set; } = null!;

    public SqliteDigestScheduleStore Schedules { get; private set; } = null!;

    public SqliteDigestPostLog Posts { get; private set; } = null!;

    public SqliteFeedStore Feeds { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Connections = new SqliteConnectionFactory(Microsoft.Extensions.Options.Options.Create(new StorageOptions { DataDirectory = _directory }));
        Articles = new SqliteArticleStore(Connections, [DigestSchema.Migration], Time);
        await Articles.MigrateAsync(CancellationToken.None);
        Schedules = new SqliteDigestScheduleStore(Connections);
        Posts = new SqliteDigestPostLog(Connections);
        Feeds = new SqliteFeedStore(Connections);
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }

    public DigestComposer Composer(IDigestOverviewWriter? overviewWriter = null) =>
        new(new ExtractiveSummarizer(), Microsoft.Extensions.Options.Options.Create(Options), overviewWriter);

    /// <summary>A new scheduler instance (a fresh process, or a second replica) on the same store.</summary>
    public DigestScheduler Scheduler(params IChatPublisher[] publishers) => Scheduler(Composer(), publishers);

    public DigestScheduler Scheduler(DigestComposer composer, params IChatPublisher[] publishers) =>
        new(Schedules, Posts, new SqliteDigestArticleSource(Connections), composer, publishers, Time,
            Microsoft.Extensions.Options.Options.Create(Options), NullLogger<DigestScheduler>.Instance);

    public DigestCommands Commands(DigestScheduler scheduler) =>
        new(scheduler, Schedules, Feeds, Time, Microsoft.Extensions.Options.Options.Create(Options), NullLogger<DigestCommands>.Instance);

    public void SetUtc(int month, int day, int hour, int minute = 0) =>
        Time.SetUtcNow(new DateTimeOffset(2025, month, day, hour, minute, 0, TimeSpan.Zero));

    /// <summary>Stores an article as ingested now (no chunks: digests need only the row).</summary>
    public async Task<long> AddArticleAsync(string title, string url, string? text = null, long? feedId = null)
    {
        var body = text ?? $"{title}. This is the opening sentence of a story about {title.ToLowerInvariant()} with enough words. " +
            $"A second sentence explains why {title.ToLowerInvariant()} matters to readers of this channel today. A third sentence adds more detail.";
        var saved = await Articles.SaveAsync(new ArticleDraft(url, title, body, url, FeedId: feedId), ContentHash.Of(body), [], [], CancellationToken.None);
        return saved.Article.Id;
    }
}
