namespace ChatBot.Retrieval.Storage.Events;

/// <summary>
/// When the processed-event ids may be forgotten: a redelivery comes within minutes (Slack retries for about an hour at
/// most, a Discord interaction lives 15 minutes), so ids older than <see cref="Retention"/> are deleted, at most once
/// per <see cref="Every"/> per process, so the table does not grow for ever.
/// </summary>
public sealed class ProcessedEventPruning(TimeProvider timeProvider)
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);
    public static readonly TimeSpan Every = TimeSpan.FromHours(1);
    private long _nextTicks;

    /// <summary>The cutoff to delete before when a prune is due now (one caller gets it), else null.</summary>
    public DateTimeOffset? TakeDueCutoff()
    {
        var now = timeProvider.GetUtcNow();
        var next = Interlocked.Read(ref _nextTicks);
        if (now.UtcTicks < next || Interlocked.CompareExchange(ref _nextTicks, (now + Every).UtcTicks, next) != next)
        {
            return null;
        }

        return now - Retention;
    }
}
