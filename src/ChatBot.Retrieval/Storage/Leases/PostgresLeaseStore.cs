using ChatBot.Retrieval.Storage.Sql;
using Npgsql;

namespace ChatBot.Retrieval.Storage.Leases;

/// <summary>Leases in one PostgreSQL table; a conditional upsert (free, expired or own) decides the holder atomically.</summary>
public sealed class PostgresLeaseStore(PostgresConnectionFactory connections, TimeProvider timeProvider) : ILeaseStore
{
    public static readonly PostgresMigration Migration = new("0003_leases", """
        CREATE TABLE IF NOT EXISTS leases (
            key text PRIMARY KEY,
            holder text NOT NULL,
            expires_at timestamptz NOT NULL
        );
        """);

    public Task<bool> TryAcquireAsync(string key, string holder, TimeSpan ttl, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero);
        var now = timeProvider.GetUtcNow().ToUniversalTime();
        return connections.RunAsync(
            async (connection, ct) =>
            {
                await using var command = new NpgsqlCommand(
                    """
                    INSERT INTO leases (key, holder, expires_at) VALUES (@key, @holder, @expires)
                    ON CONFLICT (key) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
                    WHERE leases.holder = excluded.holder OR leases.expires_at <= @now
                    """,
                    connection);
                command.Parameters.AddWithValue("key", key);
                command.Parameters.AddWithValue("holder", holder);
                command.Parameters.AddWithValue("expires", now + ttl);
                command.Parameters.AddWithValue("now", now);
                return await command.ExecuteNonQueryAsync(ct) == 1;
            },
            cancellationToken);
    }

    public Task<bool> ReleaseAsync(string key, string holder, CancellationToken cancellationToken) =>
        connections.RunAsync(
            async (connection, ct) =>
            {
                await using var command = new NpgsqlCommand("DELETE FROM leases WHERE key = @key AND holder = @holder", connection);
                command.Parameters.AddWithValue("key", key);
                command.Parameters.AddWithValue("holder", holder);
                return await command.ExecuteNonQueryAsync(ct) == 1;
            },
            cancellationToken);
}
