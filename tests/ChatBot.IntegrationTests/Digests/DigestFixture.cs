using ChatBot.Core.Chat;
using ChatBot.Core.Retrieval;
using ChatBot.Digests;
using ChatBot.Digests.Feeds;
using ChatBot.Digests.Storage;
using ChatBot.IntegrationTests.Retrieval.Storage.Sql;
using ChatBot.Retrieval.Ingestion;
using ChatBot.Retrieval.Storage;
using ChatBot.Retrieval.Storage.Articles;
using ChatBot.Retrieval.Storage.Sql;
using ChatBot.Retrieval.Summaries;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.IntegrationTests.Digests;

/// <summary>
/// The digest stores on a real database with the digest schema — a SQLite file in a temp folder, or (with
/// <see cref="SqlDialect.Postgres"/>) the test PostgreSQL server in a schema of its own — a fake clock, and factories for schedulers.
/// </summary>
public sealed class DigestFixture(SqlDialect dialect = SqlDialect.Sqlite) : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 3, 24, 6, 0, 0, TimeSpan.Zero));

    public DigestOptions Options { get; } = new();

    public FeedOptions FeedOptions { get; } = new() { JitterSeconds = 0, PollIntervalMinutes = 30 };

    public IArticleStore Articles { get; private set; } = null!;

    public IDigestScheduleStore Schedules { get; private set; } = null!;

    public IDigestPostLog Posts { get; private set; } = null!;

    public IFeedStore Feeds { get; private set; } = null!;

    public IDigestArticleSource ArticleSource { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(dialect);
        await _database.MigrateAsync(Time, DigestSchema.Migration, DigestSchema.LibrariesMigration(Core.Libraries.LibraryNames.Local));
        var database = _database.Open();
        Articles = TestDatabase.CreateArticleStore(database, Time);
        Schedules = new DigestScheduleStore(database);
        Posts = new DigestPostLog(database);
        Feeds = new FeedStore(database);
        ArticleSource = new DigestArticleSource(database);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    public DigestComposer Composer(IDigestOverviewWriter? overviewWriter = null) =>
        new(new ExtractiveSummarizer(), Microsoft.Extensions.Options.Options.Create(Options), overviewWriter);

    /// <summary>A new scheduler instance (a fresh process, or a second replica) on the same store.</summary>
    public DigestScheduler Scheduler(params IChatPublisher[] publishers) => Scheduler(Composer(), publishers);

    public DigestScheduler Scheduler(DigestComposer composer, params IChatPublisher[] publishers) =>
        new(Schedules, Posts, ArticleSource, composer, publishers, Time,
            Microsoft.Extensions.Options.Options.Create(Options), NullLogger<DigestScheduler>.Instance);

    public DigestCommands Commands(DigestScheduler scheduler) =>
        new(scheduler, Schedules, Feeds, Time, Microsoft.Extensions.Options.Options.Create(Options), NullLogger<DigestCommands>.Instance);

    public void SetUtc(int month, int day, int hour, int minute = 0) =>
        Time.SetUtcNow(new DateTimeOffset(2025, month, day, hour, minute, 0, TimeSpan.Zero));

    /// <summary>Stores an article as ingested now (no chunks: digests need only the row).</summary>
    public async Task<long> AddArticleAsync(string title, string url, string? text = null, long? feedId = null, string library = Core.Libraries.LibraryNames.Local)
    {
        var body = text ?? $"{title}. This is the opening sentence of a story about {title.ToLowerInvariant()} with enough words. " +
            $"A second sentence explains why {title.ToLowerInvariant()} matters to readers of this channel today. A third sentence adds more detail.";
        var saved = await Articles.SaveAsync(new ArticleDraft(url, title, body, url, FeedId: feedId) { Library = library }, ContentHash.Of(body), [], [], CancellationToken.None);
        return saved.Article.Id;
    }
}
