using ChatBot.Core.Chat;
using ChatBot.Discord.Rendering;
using ChatBot.Discord.Rest;

namespace ChatBot.Discord.Interactions;

/// <summary>
/// The reply to one deferred interaction: the first message edits the "thinking…" placeholder (PATCH @original),
/// the rest are follow-ups. An ephemeral reply to a public defer replaces the placeholder with an ephemeral follow-up.
/// </summary>
public sealed class DiscordReplyChannel(DiscordApi api, string token, bool deferredEphemeral) : IReplyChannel
{
    public async Task SendAsync(ChatReply reply, CancellationToken cancellationToken)
    {
        var messages = DiscordMessageRenderer.Render(reply);
        if (reply.Ephemeral && !deferredEphemeral)
        {
            await api.DeleteOriginalAsync(token, cancellationToken);
            foreach (var message in messages)
            {
                message["flags"] = DiscordMessageRenderer.EphemeralFlag;
                await api.FollowUpAsync(token, message, cancellationToken);
            }

            return;
        }

        await api.EditOriginalAsync(token, messages[0], cancellationToken);
        foreach (var message in messages.Skip(1))
        {
            if (deferredEphemeral)
            {
                message["flags"] = DiscordMessageRenderer.EphemeralFlag;
            }

            await api.FollowUpAsync(token, message, cancellationToken);
        }
    }

    internal Task SendPlainAsync(string text, CancellationToken cancellationToken) =>
        api.EditOriginalAsync(token, DiscordMessageRenderer.Plain(text), cancellationToken);
}
