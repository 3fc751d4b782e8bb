using ChatBot.Core.Chat;
using ChatBot.Slack.Logging;
using ChatBot.Slack.Rendering;

namespace ChatBot.Slack.Inbound;

public sealed partial class SlackRequestProcessor
{
    /// <summary>
    /// Link summaries (<c>/autosummary on</c>): a top-level channel message with an article link gets a short summary in
    /// its thread and the article joins the library. The gate decides (channel on, per-channel rate; bots are filtered out
    /// before); the message is claimed like a mention (<c>message:channel:ts</c>), so it is answered once; anything but a
    /// summary (a link that cannot be read) is not posted. True when the message was taken.
    /// </summary>
    private async Task<bool> TryLinkSummaryAsync(string channel, string ts, string user, string rawText, string? team, string correlationId, CancellationToken cancellationToken)
    {
        var text = SlackText.FromSlack(rawText, identity.BotUserId);
        if (linkSummaries is null
            || await linkSummaries.LinkToSummarizeAsync(Platform, channel, text, authorIsBot: false, cancellationToken) is not { } link
            || !await deduplicator.TryClaimAsync(Platform, $"message:{channel}:{ts}", cancellationToken))
        {
            return false;
        }

        var request = new ChatRequest(Platform, channel, user, ChatCommand.Summarize, link.AbsoluteUri + " short", IsAdmin(team, user), correlationId, ts) { Workspace = team };
        var reply = await RunAsync(request, null, cancellationToken);
        if (reply.Kind != ReplyKind.Summary)
        {
            SlackLog.Ignored(logger, "link summary not posted: " + reply.Kind);
            return true;
        }

        await PostAsync(channel, ts, user, reply, cancellationToken);
        return true;
    }
}
