namespace ChatBot.Core.Events;

/// <summary>
/// Remembers which platform events (Slack event_id, Discord interaction id) were already taken, in the
/// shared store, so a redelivery, a second connection or a second replica never answers twice.
/// </summary>
public interface IEventDeduplicator
{
    /// <summary>True the first time an event id is seen (the caller handles it); false for every later delivery.</summary>
    Task<bool> TryClaimAsync(string platform, string eventId, CancellationToken cancellationToken);
}
