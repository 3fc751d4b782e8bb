using System.Collections.Concurrent;
using ChatBot.Core.AutoSummaries;

namespace ChatBot.TestKit.Chat;

/// <summary>The channels with link summaries on, in memory (platform tests).</summary>
public sealed class InMemoryAutoSummaryChannels : IAutoSummaryChannels
{
    private readonly ConcurrentDictionary<string, bool> _on = new(StringComparer.Ordinal);

    public Task<bool> IsOnAsync(string platform, string channelId, CancellationToken cancellationToken) =>
        Task.FromResult(_on.ContainsKey(platform + ":" + channelId));

    public Task<bool> SetAsync(string platform, string channelId, bool on, CancellationToken cancellationToken) =>
        Task.FromResult(on ? _on.TryAdd(platform + ":" + channelId, true) : _on.TryRemove(platform + ":" + channelId, out _));
}
