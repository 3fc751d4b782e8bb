using System.Data.Common;
using ChatBot.Core.Events;
using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.Retrieval.Storage.Events;

/// <summary>
/// Processed event ids in SQLite with a unique key: INSERT OR IGNORE decides who handles an event. Ids older than
/// <see cref="ProcessedEventPruning.Retention"/> are deleted now and then.
/// </summary>
public sealed class SqliteEventDeduplicator(SqliteConnectionFactory connections, TimeProvider timeProvider) : IEventDeduplicator
{
    private readonly ProcessedEventPruning _pruning = new(timeProvider);

    /// <summary>The latest prune (tests wait for it).</summary>
    internal Task LastPrune { get; private set; } = Task.CompletedTask;

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
        var claimed = await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        if (_pruning.TakeDueCutoff() is { } cutoff)
        {
            // Housekeeping beside the claim, never in its way (nor under the caller's deadline).
            LastPrune = PruneAsync(cutoff);
        }

        return claimed;
    }

    /// <summary>Deletes ids older than the cutoff; a failure (the database busy or closing) is left for the next due time.</summary>
    private async Task PruneAsync(DateTimeOffset cutoff)
    {
        try
        {
            await using var connection = await connections.OpenAsync(CancellationToken.None);
            await using var prune = connection.CreateCommand();
            prune.CommandText = "DELETE FROM processed_events WHERE processed_at < $cutoff";
            prune.Parameters.AddWithValue("$cutoff", cutoff.ToString("O"));
            await prune.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or ObjectDisposedException)
        {
        }
    }
}
