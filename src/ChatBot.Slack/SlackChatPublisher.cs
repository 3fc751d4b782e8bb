using ChatBot.Core.Chat;
using ChatBot.Slack.Api;
using ChatBot.Slack.Rendering;

namespace ChatBot.Slack;

/// <summary>Posts digests and notices to a Slack channel with chat.postMessage, rendered as Block Kit.</summary>
public sealed class SlackChatPublisher(SlackApiClient api) : IChatPublisher
{
    public string Platform => "slack";

    /// <returns>The ts of the first message (a long reply is posted as several).</returns>
    public async Task<string> PublishAsync(string channelId, ChatReply reply, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(channelId);
        ArgumentNullException.ThrowIfNull(reply);
        var first = string.Empty;
        foreach (var message in SlackMessageRenderer.Render(reply))
        {
            message["channel"] = channelId;
            message["unfurl_links"] = false;
            message["unfurl_media"] = false;
            var ts = await api.PostMessageAsync(message, cancellationToken);
            first = first.Length == 0 ? ts : first;
        }

        return first;
    }
}
