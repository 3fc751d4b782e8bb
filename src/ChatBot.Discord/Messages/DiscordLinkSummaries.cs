using ChatBot.Core.AutoSummaries;
using ChatBot.Core.Chat;
using ChatBot.Core.Events;
using ChatBot.Discord.Interactions;
using ChatBot.Discord.Logging;
using ChatBot.Discord.Rest;
using Microsoft.Extensions.Logging;

namespace ChatBot.Discord.Messages;

/// <summary>
/// Link summaries (<c>/autosummary on</c>): a message with an article link in such a channel gets a reply with a short
/// summary, and the article joins the library (the summary reads it through the same ingestion as <c>/add</c>). The
/// <see cref="AutoSummaryGate"/> decides (no bots, channel on, per-channel rate); the message is claimed under the same key
/// as a follow-up, so it gets one reply at most; anything but a summary (a link that cannot be read) is not posted.
/// Others' messages carry their text only with the Message Content intent; without it only mentions do.
/// </summary>
public sealed class DiscordLinkSummaries(
    DiscordApi api,
    DiscordWorkQueue work,
    IEventDeduplicator deduplicator,
    ILogger<DiscordLinkSummaries> logger,
    AutoSummaryGate? gate = null)
{
    /// <summary>True when the message was taken for a link summary.</summary>
    public async Task<bool> TryHandleAsync(DiscordMessage message, string text, bool fromBot, string correlationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (gate is null
            || await gate.LinkToSummarizeAsync(DiscordPlatformService.Platform, message.ChannelId, text, fromBot, cancellationToken) is not { } link
            || !await deduplicator.TryClaimAsync(DiscordPlatformService.Platform, "message:" + message.Id, cancellationToken))
        {
            return false;
        }

        DiscordLog.LinkSummary(logger, message.Id, message.ChannelId, correlationId);
        var request = new ChatRequest(
            DiscordPlatformService.Platform, message.ChannelId, message.AuthorId, ChatCommand.Summarize, link.AbsoluteUri + " short", IsAdmin: false, correlationId)
        {
            Workspace = message.GuildId,
        };
        var reply = new SummaryOnly(new DiscordMessageReply(api, message.ChannelId, message.Id), message.Id, correlationId, logger);
        if (!work.TryEnqueue(request, reply, message.Id))
        {
            DiscordLog.LinkSummarySkipped(logger, message.Id, "the work queue is full", correlationId);
        }

        return true;
    }

    /// <summary>Posts a summary; drops anything else (a refusal or error about the link) with a log line: no noise.</summary>
    private sealed class SummaryOnly(IDiscordReply inner, string messageId, string correlationId, ILogger logger) : IDiscordReply
    {
        public Func<string, CancellationToken, Task>? Partial => null;

        public Task<string?> SendAsync(ChatReply reply, CancellationToken cancellationToken)
        {
            if (reply.Kind == ReplyKind.Summary)
            {
                return inner.SendAsync(reply, cancellationToken);
            }

            DiscordLog.LinkSummarySkipped(logger, messageId, reply.Kind.ToString(), correlationId);
            return Task.FromResult<string?>(null);
        }
    }
}
