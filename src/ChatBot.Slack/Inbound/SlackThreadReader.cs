using System.Globalization;
using System.Text.Json.Nodes;
using ChatBot.Core.Chat;
using ChatBot.Slack.Api;
using ChatBot.Slack.Logging;
using ChatBot.Slack.Rendering;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Slack.Inbound;

/// <summary>
/// Reads a thread the bot is mentioned in but never took part in (conversations.replies, protocols.md B5.7), so the
/// answer's context includes the people's earlier messages: cursor paging up to <see cref="SlackOptions.ThreadHistoryPages"/>
/// pages, a 429 waited out per Retry-After by <see cref="SlackApiClient"/>, and each thread read at most once per process
/// (the result cached per thread). A failed read costs the context, never the answer.
/// </summary>
public sealed class SlackThreadReader(SlackApiClient api, SlackIdentity identity, IOptions<SlackOptions> options, ILogger<SlackThreadReader> logger) : IDisposable
{
    /// <summary>Messages asked for per page (Slack's recommended page size).</summary>
    public const int PageLimit = 200;

    private static readonly TimeSpan CacheFor = TimeSpan.FromHours(1);
    private readonly SlackOptions _options = options.Value;
    private readonly MemoryCache _read = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    /// <summary>
    /// The thread's messages before <paramref name="beforeTs"/>, oldest first, as turns (the bot's own as
    /// <see cref="ConversationRole.Bot"/>, other bots' and non-messages left out), at most <see cref="SlackOptions.HistoryTurns"/>
    /// of the latest; empty when reading is off, failed or was done before for this thread.
    /// </summary>
    public async Task<IReadOnlyList<ConversationTurn>> ReadOnceAsync(string channelId, string threadTs, string beforeTs, string correlationId, CancellationToken cancellationToken)
    {
        var key = channelId + "/" + threadTs;
        if (_options.ThreadHistoryPages == 0 || _options.HistoryTurns == 0 || _read.TryGetValue(key, out _))
        {
            return [];
        }

        _read.Set(key, true, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = CacheFor });
        var turns = new List<ConversationTurn>();
        string? cursor = null;
        var pages = 0;
        try
        {
            do
            {
                var (messages, next) = await api.RepliesAsync(channelId, threadTs, beforeTs, cursor, PageLimit, cancellationToken);
                pages++;
                turns.AddRange(messages.OfType<JsonObject>().Select(m => ToTurn(m, beforeTs)).OfType<ConversationTurn>());
                cursor = next;
            }
            while (cursor.Length > 0 && pages < _options.ThreadHistoryPages);
        }
        catch (Exception ex) when (ex is SlackApiException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // Rate limited past the retries, missing_scope, not_in_channel…: the pages read so far still help.
            SlackLog.ThreadReadFailed(logger, ex, channelId, correlationId);
        }

        SlackLog.ThreadRead(logger, channelId, turns.Count, pages);
        return turns.Count > _options.HistoryTurns ? turns[^_options.HistoryTurns..] : turns;
    }

    public void Dispose() => _read.Dispose();

    private ConversationTurn? ToTurn(JsonObject message, string beforeTs)
    {
        var ts = (string?)message["ts"];
        var user = (string?)message["user"];
        var subtype = (string?)message["subtype"];
        var own = string.Equals(user, identity.BotUserId, StringComparison.Ordinal)
            || (message["bot_id"] is not null && string.Equals((string?)message["bot_id"], identity.BotId, StringComparison.Ordinal));
        if (ts is null || string.CompareOrdinal(ts, beforeTs) >= 0 || (subtype is not null and not "thread_broadcast" and not "file_share" && !own)
            || (message["bot_id"] is not null && !own))
        {
            return null;
        }

        var text = SlackText.FromSlack((string?)message["text"], identity.BotUserId).Trim();
        if (text.Length == 0)
        {
            return null;
        }

        var at = double.TryParse(ts, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.UnixEpoch.AddSeconds(seconds)
            : DateTimeOffset.UnixEpoch;
        return new ConversationTurn(own ? ConversationRole.Bot : ConversationRole.User, text, at);
    }
}
