using ChatBot.IntegrationTests.Retrieval.Storage.Sql;
using ChatBot.Retrieval.Storage.Articles;
using ChatBot.Retrieval.Storage.Leases;
using ChatBot.Retrieval.Storage.Sql;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.IntegrationTests.Retrieval.Storage.Leases;

/// <summary>SQLite kept lease expiry as Unix milliseconds before the one time convention; upgraded files keep their leases.</summary>
public sealed class SqliteLeaseMigrationTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 7, 0, 0, TimeSpan.Zero));
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(SqlDialect.Sqlite);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Migrate_LeasesInUnixMilliseconds_BecomeTextAndKeepTheirExpiry()
    {
        var database = _database.Open();
        await new SqliteMigrator((SqliteConnectionFactory)database, [ArticleStore.Migration, LeaseStore.Migration], _time).MigrateAsync(default);
        var now = _time.GetUtcNow();
        await database.ExecuteAsync(
            "INSERT INTO leases (key, holder, expires_at) VALUES ('live', 'a', @live), ('expired', 'a', @expired)",
            [("live", (now + TimeSpan.FromMinutes(5)).ToUnixTimeMilliseconds()), ("expired", (now - TimeSpan.FromMinutes(1)).ToUnixTimeMilliseconds())],
            default);

        await new SqliteMigrator((SqliteConnectionFactory)database, [ArticleStore.Migration, LeaseStore.Migration, LeaseStore.TextTimes], _time).MigrateAsync(default);
        var leases = new LeaseStore(database, _time);

        Assert.Equal(
            database.Time(now + TimeSpan.FromMinutes(5)),
            await database.ScalarAsync("SELECT expires_at FROM leases WHERE key = 'live'", [], default));
        Assert.False(await leases.TryAcquireAsync("live", "b", TimeSpan.FromMinutes(5), default));
        Assert.True(await leases.TryAcquireAsync("expired", "b", TimeSpan.FromMinutes(5), default));
    }
}
