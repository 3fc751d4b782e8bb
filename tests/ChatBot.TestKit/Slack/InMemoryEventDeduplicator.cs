using System.Collections.Concurrent;
using ChatBot.Core.Events;

namespace ChatBot.TestKit.Slack;

/// <summary>An in-memory <see cref="IEventDeduplicator"/> for platform tests.</summary>
public sealed class InMemoryEventDeduplicator : IEventDeduplicator
{
    private readonly ConcurrentDictionary<string, byte> _seen = new(StringComparer.Ordinal);

    public Task<bool> TryClaimAsync(string platform, string eventId, CancellationToken cancellationToken) =>
        Task.FromResult(_seen.TryAdd(platform + "|" + eventId, 0));
}
