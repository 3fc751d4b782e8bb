using System.Data.Common;
using ChatBot.Core.Events;
using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.Retrieval.Storage.Events;

/// <summary>
/// Processed event ids under a unique key: INSERT … ON CONFLICT DO NOTHING decides who handles an event (on PostgreSQL,
/// which replica). Ids older than <see cref="ProcessedEventPruning.Retention"/> are deleted now and then (by whichever
/// process is due).
/// </summary>
public sealed class EventDeduplicator(SqlDatabase database, TimeProvider timeProvider) : IEventDeduplicator
{
    public static readonly SqlMigration Migration = new("0002_processed_events", SqliteEventSql.Schema, PostgresEventSql.Schema);

    private const string Claim = "INSERT INTO processed_events (platform, event_id, processed_at) VALUES (@platform, @id, @at) ON CONFLICT DO NOTHING";
    private const string Prune = "DELETE FROM processed_events WHERE processed_at < @cutoff";

    private readonly ProcessedEventPruning _pruning = new(timeProvider);

    /// <summary>The latest prune (tests wait for it).</summary>
    internal Task LastPrune { get; private set; } = Task.CompletedTask;

    public async Task<bool> TryClaimAsync(string platform, string eventId, CancellationToken cancellationToken)
    {
        var claimed = await database.ExecuteAsync(
            Claim, [("platform", platform), ("id", eventId), ("at", database.Time(timeProvider.GetUtcNow()))], cancellationToken) == 1;
        if (_pruning.TakeDueCutoff() is { } cutoff)
        {
            // Housekeeping beside the claim, never in its way (nor under the caller's deadline).
            LastPrune = PruneAsync(cutoff);
        }

        return claimed;
    }

    /// <summary>Deletes ids older than the cutoff; a failure (the database busy, restarting or closing) is left for the next due time.</summary>
    private async Task PruneAsync(DateTimeOffset cutoff)
    {
        try
        {
            await database.ExecuteAsync(Prune, [("cutoff", database.Time(cutoff))], CancellationToken.None);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or ObjectDisposedException)
        {
        }
    }
}
