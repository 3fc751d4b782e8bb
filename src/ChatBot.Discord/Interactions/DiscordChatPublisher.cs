using ChatBot.Core.Chat;
using ChatBot.Discord.Rendering;
using ChatBot.Discord.Rest;

namespace ChatBot.Discord.Interactions;

/// <summary>Posts unprompted replies (digests) to a Discord channel with POST /channels/{id}/messages.</summary>
public sealed class DiscordChatPublisher(DiscordApi api) : IChatPublisher
{
    public string Platform => DiscordPlatformService.Platform;

    public async Task<string> PublishAsync(string channelId, ChatReply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reply);
        string? first = null;
        foreach (var message in DiscordMessageRenderer.Render(reply with { Ephemeral = false }))
        {
            var id = await api.CreateMessageAsync(channelId, message, cancellationToken);
            first ??= id;
        }

        return first ?? string.Empty;
    }
}
