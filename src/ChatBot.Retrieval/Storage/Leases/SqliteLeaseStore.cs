using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.Retrieval.Storage.Leases;

/// <summary>Leases in the SQLite file (one process, or several on one machine); same rules as the PostgreSQL store.</summary>
public sealed class SqliteLeaseStore(SqliteConnectionFactory connections, TimeProvider timeProvider) : ILeaseStore
{
    public static readonly SqliteMigration Migration = new("0003_leases", """
        CREATE TABLE IF NOT EXISTS leases (
            key TEXT PRIMARY KEY,
            holder TEXT NOT NULL,
            expires_at INTEGER NOT NULL
        );
        """);

    public async Task<bool> TryAcquireAsync(string key, string holder, TimeSpan ttl, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero);
        var now = timeProvider.GetUtcNow();
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO leases (key, holder, expires_at) VALUES ($key, $holder, $expires)
            ON CONFLICT (key) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
            WHERE leases.holder = excluded.holder OR leases.expires_at <= $now
            """;
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$holder", holder);
        command.Parameters.AddWithValue("$expires", (now + ttl).ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> ReleaseAsync(string key, string holder, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM leases WHERE key = $key AND holder = $holder";
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$holder", holder);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
