using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.Retrieval.Storage.Leases;

/// <summary>Leases in one table; a conditional upsert (free, expired or own) decides the holder atomically.</summary>
public sealed class LeaseStore(SqlDatabase database, TimeProvider timeProvider) : ILeaseStore
{
    public static readonly SqlMigration Migration = new("0003_leases", SqliteLeaseSql.Schema, PostgresLeaseSql.Schema);

    /// <summary>SQLite kept expiry as Unix milliseconds until the one time convention (ISO-8601 text).</summary>
    public static readonly SqlMigration TextTimes = new("0004_leases_text_times", SqliteLeaseSql.TextTimes, "SELECT 1;");

    private const string Acquire = """
        INSERT INTO leases (key, holder, expires_at) VALUES (@key, @holder, @expires)
        ON CONFLICT (key) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
        WHERE leases.holder = excluded.holder OR leases.expires_at <= @now
        """;

    private const string Release = "DELETE FROM leases WHERE key = @key AND holder = @holder";

    public async Task<bool> TryAcquireAsync(string key, string holder, TimeSpan ttl, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero);
        var now = timeProvider.GetUtcNow();
        var rows = await database.ExecuteAsync(
            Acquire, [("key", key), ("holder", holder), ("expires", database.Time(now + ttl)), ("now", database.Time(now))], cancellationToken);
        return rows == 1;
    }

    public async Task<bool> ReleaseAsync(string key, string holder, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(Release, [("key", key), ("holder", holder)], cancellationToken) == 1;
}
