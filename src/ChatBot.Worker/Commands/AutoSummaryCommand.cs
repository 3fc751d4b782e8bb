using ChatBot.Core.AutoSummaries;
using ChatBot.Core.Chat;

namespace ChatBot.Worker.Commands;

/// <summary><c>/autosummary on|off</c> (admins; the router checks the rights): link summaries in this channel.</summary>
public static class AutoSummaryCommand
{
    public static async Task<ChatReply> HandleAsync(IAutoSummaryChannels? channels, ChatRequest request, string argument, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (channels is null)
        {
            return ChatReply.Info("/autosummary is not available in this build.");
        }

        bool? on = argument.Trim().ToLowerInvariant() switch
        {
            "on" => true,
            "off" => false,
            _ => null,
        };
        if (on is null)
        {
            var now = await channels.IsOnAsync(request.Platform, request.ChannelId, cancellationToken);
            return ChatReply.Refusal($"Use `/autosummary on` or `/autosummary off`. Link summaries are {(now ? "on" : "off")} in this channel.");
        }

        await channels.SetAsync(request.Platform, request.ChannelId, on.Value, cancellationToken);
        return new ChatReply(ReplyKind.Info, on.Value
            ? "Link summaries are on in this channel: a message with an article link gets a short summary reply, and the article is added to the library."
            : "Link summaries are off in this channel.")
        { Ephemeral = true };
    }
}
