using System.Collections.Concurrent;
using ChatBot.Core.Chat;

namespace ChatBot.Core.AutoSummaries;

/// <summary>
/// Decides, for both platforms, whether a message posted in a channel gets a link summary: not from a bot (the bot's
/// own or another's), carrying an article link, in a channel where <c>/autosummary</c> is on, and within the channel's
/// rate (<see cref="PerWindow"/> summaries per <see cref="Window"/>; the rest are skipped silently: no noise).
/// The platform claims the message once (at most one reply per message) and posts only a summary, never an error.
/// </summary>
public sealed class AutoSummaryGate(IAutoSummaryChannels channels, TimeProvider timeProvider)
{
    public const int PerWindow = 3;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _recent = new(StringComparer.Ordinal);

    /// <summary>The link to summarise, or null when the message gets no summary.</summary>
    public async Task<Uri?> LinkToSummarizeAsync(string platform, string channelId, string text, bool authorIsBot, CancellationToken cancellationToken)
    {
        if (authorIsBot || MessageLinks.Find(text, 1) is not [var link]
            || !await channels.IsOnAsync(platform, channelId, cancellationToken))
        {
            return null;
        }

        return TryTakeTurn(platform + ":" + channelId) ? link : null;
    }

    private bool TryTakeTurn(string channel)
    {
        var now = timeProvider.GetUtcNow();
        var recent = _recent.GetOrAdd(channel, _ => new Queue<DateTimeOffset>());
        lock (recent)
        {
            while (recent.Count > 0 && now - recent.Peek() >= Window)
            {
                recent.Dequeue();
            }

            if (recent.Count >= PerWindow)
            {
                return false;
            }

            recent.Enqueue(now);
            return true;
        }
    }
}
