using System.Text.Json.Nodes;
using ChatBot.Core.Chat;
using ChatBot.Discord.Interactions;
using ChatBot.Discord.Rendering;
using ChatBot.Discord.Rest;

namespace ChatBot.Discord.Messages;

/// <summary>
/// A reply to a channel message (POST /channels/{id}/messages with a message_reference): the first message of the reply
/// answers the asker's message; none pings anyone, not even the replied-to author. Channel messages cannot be private,
/// so a refusal or "busy" here is a reply like any other.
/// </summary>
public sealed class DiscordMessageReply(DiscordApi api, string channelId, string replyToMessageId) : IDiscordReply
{
    public Func<string, CancellationToken, Task>? Partial => null;

    public async Task<string?> SendAsync(ChatReply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reply);
        string? first = null;
        foreach (var message in DiscordMessageRenderer.Render(reply with { Ephemeral = false }))
        {
            message["allowed_mentions"] = new JsonObject { ["parse"] = new JsonArray(), ["replied_user"] = false };
            if (first is null)
            {
                message["message_reference"] = new JsonObject { ["message_id"] = replyToMessageId, ["fail_if_not_exists"] = false };
            }

            var id = await api.CreateMessageAsync(channelId, message, cancellationToken);
            first ??= id;
        }

        return first;
    }
}
