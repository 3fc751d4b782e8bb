using ChatBot.Core.Events;

namespace ChatBot.Retrieval.Storage.Sqlite;

/// <summary>Processed event ids in SQLite with a unique key: INSERT OR IGNORE decides who handles an event.</summary>
public sealed class SqliteEventDeduplicator(SqliteConnectionFactory connections, TimeProvider timeProvider) : IEventDeduplicator
{
    public static readonly SqliteMigration Migration = new("0002_processed_events", """
        CREATE TABLE IF NOT EXISTS processed_events (
            platform TEXT NOT NULL,
            event_id TEXT NOT NULL,
            processed_at TEXT NOT NULL,
            PRIMARY KEY (platform, event_id)
        );
        """);

    public async Task<bool> TryClaimAsync(string platform, string eventId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT OR IGNORE INTO processed_events (platform, event_id, processed_at) VALUES ($platform, $id, $at)";
        command.Parameters.AddWithValue("$platform", platform);
        command.Parameters.AddWithValue("$id", eventId);
        command.Parameters.AddWithValue("$at", timeProvider.GetUtcNow().ToString("O"));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
