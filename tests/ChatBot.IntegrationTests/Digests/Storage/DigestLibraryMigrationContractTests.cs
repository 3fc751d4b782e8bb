using ChatBot.Digests.Storage;
using ChatBot.IntegrationTests.Retrieval.Storage.Sql;
using ChatBot.Retrieval.Ingestion;
using ChatBot.Retrieval.Storage.Articles;
using ChatBot.Retrieval.Storage.Sql;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.IntegrationTests.Digests.Storage;

/// <summary>
/// The upgrade of the digest tables to libraries (migration 0021) on a database written before it: every feed, its
/// items, schedule and digest post is kept and moved into the default library, so the channel's digest goes on as
/// before. Run against SQLite and PostgreSQL by the subclasses.
/// </summary>
public abstract class DigestLibraryMigrationContractTests(SqlDialect dialect) : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
    private TestDatabase _database = null!;
    private SqlDatabase _sql = null!;
    private long _articleId;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(dialect);
        _sql = _database.Open();
        await _database.MigrateAsync(_time, DigestSchema.Migration);
        var now = _sql.Time(_time.GetUtcNow());
        var earlier = _sql.Time(_time.GetUtcNow().AddHours(-1));
        var body = "Kangaroos hop across the outback. They rest at noon.";
        var saved = await TestDatabase.CreateArticleStore(_sql, _time).SaveAsync(
            new ArticleDraft("https://news.test/kangaroos", "Kangaroos", body, "https://news.test/kangaroos"), ContentHash.Of(body), [], [], CancellationToken.None);
        _articleId = saved.Article.Id;
        await _sql.ExecuteAsync("INSERT INTO feeds (id, url, platform, channel_id, next_poll_at, created_at) VALUES (7, 'https://news.test/rss', 'discord', 'c1', @now, @now)", [("now", now)], CancellationToken.None);
        await _sql.ExecuteAsync("INSERT INTO feed_items (feed_id, item_key, article_id, seen_at) VALUES (7, 'k1', @article, @now)", [("article", _articleId), ("now", now)], CancellationToken.None);
        await _sql.ExecuteAsync(
            "INSERT INTO digest_schedules (platform, channel_id, cron, time_zone, enabled, origin, updated_at) VALUES ('discord', 'c1', '0 8 * * *', 'UTC', @on, 'chat', @now)",
            [("on", true), ("now", now)],
            CancellationToken.None);
        await _sql.ExecuteAsync(
            """
            INSERT INTO digest_posts (platform, channel_id, slot, status, lease_until, window_start, window_end, claimed_at)
            VALUES ('discord', 'c1', @earlier, 'posted', @earlier, @earlier, @earlier, @earlier)
            """,
            [("earlier", earlier)],
            CancellationToken.None);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Migrate_TodaysDigestTablesWithData_KeepsEveryRowInTheDefaultLibrary()
    {
        await _database.MigrateAsync(_time, DigestSchema.Migration, DigestSchema.LibrariesMigration("local"));

        var feed = Assert.Single(await new FeedStore(_sql).ListAsync("local", "discord", "c1", CancellationToken.None));
        var schedule = await new DigestScheduleStore(_sql).GetAsync("discord", "c1", CancellationToken.None);
        var post = Assert.Single(await new DigestPostLog(_sql).ListAsync("discord", "c1", CancellationToken.None));
        var window = await new DigestArticleSource(_sql).GetWindowAsync(
            "local", "discord", "c1", _time.GetUtcNow().AddHours(-2), _time.GetUtcNow(), 10, CancellationToken.None);

        Assert.Equal((7L, "local"), (feed.Id, feed.Library));
        Assert.Equal(("0 8 * * *", "local"), (schedule!.Cron, schedule.Library));
        Assert.Equal(("posted", "local"), (post.Status, post.Library));
        Assert.Equal(_articleId, Assert.Single(window).Id);
        Assert.Equal(["k1"], await new FeedStore(_sql).FindKnownItemsAsync(7, ["k1", "k2"], CancellationToken.None));
        Assert.Empty(await new FeedStore(_sql).ListAsync("discord:1", "discord", "c1", CancellationToken.None));
    }
}
