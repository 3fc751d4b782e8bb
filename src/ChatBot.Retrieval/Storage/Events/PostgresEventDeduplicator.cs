using System.Data.Common;
using ChatBot.Core.Events;
using ChatBot.Retrieval.Storage.Sql;
using Npgsql;

namespace ChatBot.Retrieval.Storage.Events;

/// <summary>
/// Processed event ids in PostgreSQL under a unique key: INSERT … ON CONFLICT DO NOTHING picks one replica. Ids older
/// than <see cref="ProcessedEventPruning.Retention"/> are deleted now and then (by whichever replica is due).
/// </summary>
public sealed class PostgresEventDeduplicator(PostgresConnectionFactory connections, TimeProvider timeProvider) : IEventDeduplicator
{
    private readonly ProcessedEventPruning _pruning = new(timeProvider);

    /// <summary>The latest prune (tests wait for it).</summary>
    internal Task LastPrune { get; private set; } = Task.CompletedTask;

    public static readonly PostgresMigration Migration = new("0002_processed_events", """
        CREATE TABLE IF NOT EXISTS processed_events (
            platform text NOT NULL,
            event_id text NOT NULL,
            processed_at timestamptz NOT NULL,
            PRIMARY KEY (platform, event_id)
        );
        """);

    public async Task<bool> TryClaimAsync(string platform, string eventId, CancellationToken cancellationToken)
    {
        var claimed = await ClaimAsync(platform, eventId, cancellationToken);
        if (_pruning.TakeDueCutoff() is { } cutoff)
        {
            // Housekeeping beside the claim, never in its way (nor under the caller's deadline).
            LastPrune = PruneAsync(cutoff);
        }

        return claimed;
    }

    /// <summary>Deletes ids older than the cutoff; a failure is left for the next due time.</summary>
    private async Task PruneAsync(DateTimeOffset cutoff)
    {
        try
        {
            await connections.RunAsync(
                async (connection, ct) =>
                {
                    await using var prune = new NpgsqlCommand("DELETE FROM processed_events WHERE processed_at < @cutoff", connection);
                    prune.Parameters.AddWithValue("cutoff", cutoff.ToUniversalTime());
                    return await prune.ExecuteNonQueryAsync(ct);
                },
                CancellationToken.None);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or ObjectDisposedException)
        {
        }
    }

    private Task<bool> ClaimAsync(string platform, string eventId, CancellationToken cancellationToken) =>
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
