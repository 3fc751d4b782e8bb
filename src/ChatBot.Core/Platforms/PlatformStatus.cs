using System.Collections.Concurrent;

namespace ChatBot.Core.Platforms;

/// <summary>
/// The one failure policy of the chat platforms. A fatal platform error (the token refused or revoked, Socket Mode
/// disabled, a gateway close Discord forbids resuming from: bad shard, intents not allowed) stops that platform only,
/// at start or later: it logs one critical line naming the fix and is recorded here; the host, the other platforms,
/// digests, feeds and the health endpoint keep running, and GET /health reports the stopped platform (HTTP 503), so an
/// orchestrator sees it. Restarting would not help: these errors need a configuration change first.
/// </summary>
public sealed class PlatformStatus
{
    private readonly ConcurrentDictionary<string, string> _stopped = new(StringComparer.Ordinal);

    /// <summary>Records that <paramref name="platform"/> stopped for good, and why (no secrets: an error code or close reason).</summary>
    public void Stopped(string platform, string reason) => _stopped[platform] = reason;

    /// <summary>The platforms stopped by a fatal error, by name, with the reason.</summary>
    public IReadOnlyDictionary<string, string> StoppedPlatforms =>
        new SortedDictionary<string, string>(_stopped, StringComparer.Ordinal);
}
