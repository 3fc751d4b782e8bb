using ChatBot.Core.Events;
using Npgsql;

namespace ChatBot.Retrieval.Storage.Postgres;

/// <summary>Processed event ids in PostgreSQL under a unique key: INSERT … ON CONFLICT DO NOTHING picks one replica.</summary>
public sealed class PostgresEventDeduplicator(PostgresConnectionFactory connections, TimeProvider timeProvider) : IEventDeduplicator
{
    public static readonly PostgresMigration Migration = new("0002_processed_events", """
        CREATE TABLE IF NOT EXISTS processed_events (
            platform text NOT NULL,
            event_id text NOT NULL,
            processed_at timestamptz NOT NULL,
            PRIMARY KEY (platform, event_id)
        );
        """);

    public Task<bool> TryClaimAsync(string platform, string eventId, CancellationToken cancellationToken) =>
        connections.RunAsync(
            async (connection, ct) =>
            {
                await using var command = new NpgsqlCommand(
                    "INSERT INTO processed_events (platform, event_id, processed_at) VALUES (@platform, @id, @at) ON CONFLICT DO NOTHING",
                    connection);
                command.Parameters.AddWithValue("platform", platform);
                command.Parameters.AddWithValue("id", eventId);
                command.Parameters.AddWithValue("at", timeProvider.GetUtcNow().ToUniversalTime());
                return await command.ExecuteNonQueryAsync(ct) == 1;
            },
            cancellationToken);
}
