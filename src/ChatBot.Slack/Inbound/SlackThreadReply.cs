using System.Text.Json.Nodes;
using ChatBot.Core.Chat;
using ChatBot.Core.Telemetry;
using ChatBot.Slack.Api;
using ChatBot.Slack.Rendering;

namespace ChatBot.Slack.Inbound;

/// <summary>
/// The answer to one message, in its thread (or DM). While the answer is written, the first partial is posted
/// (chat.postMessage) and later ones update that message (chat.update), at least <see cref="UpdateInterval"/> apart;
/// the final reply updates it with the full Block Kit (further parts of a long reply are posted after it), or is
/// posted when nothing was shown yet. An ephemeral reply (refusal, error, "busy") in a channel goes to the asker only
/// (chat.postEphemeral, replacing any partial answer shown); in a DM, which only the asker sees anyway, it is posted.
/// </summary>
internal sealed class SlackThreadReply(SlackApiClient api, string channelId, string? threadTs, string? userId, TimeProvider timeProvider)
{
    /// <summary>The shortest pause between two writes of the same message (chat.update is Tier 3).</summary>
    public static readonly TimeSpan UpdateInterval = TimeSpan.FromSeconds(1);

    private string? _ts;
    private DateTimeOffset? _lastWrite;

    /// <summary>Shows the growing answer: posts it the first time, updates it after.</summary>
    public async Task SendPartialAsync(string text, CancellationToken cancellationToken)
    {
        var message = SlackMessageRenderer.Partial(text);
        await WaitForTurnAsync(cancellationToken);
        if (_ts is null)
        {
            _ts = await api.PostMessageAsync(Placed(message), cancellationToken);
        }
        else
        {
            message["channel"] = channelId;
            message["ts"] = _ts;
            await api.UpdateMessageAsync(message, cancellationToken);
        }

        _lastWrite = timeProvider.GetUtcNow();
    }

    /// <summary>Sends the final reply; returns the ts of its first message.</summary>
    public async Task<string> SendAsync(ChatReply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reply);
        using var span = ChatTelemetry.Start("chat.post");
        if (reply.Ephemeral && userId is not null && !IsDirect(channelId))
        {
            return await SendPrivatelyAsync(reply, userId, cancellationToken);
        }

        var first = _ts;
        var messages = SlackMessageRenderer.Render(reply);
        for (var i = 0; i < messages.Count; i++)
        {
            if (i == 0 && _ts is not null)
            {
                await WaitForTurnAsync(cancellationToken);
                messages[0]["channel"] = channelId;
                messages[0]["ts"] = _ts;
                await api.UpdateMessageAsync(messages[0], cancellationToken);
                continue;
            }

            var ts = await api.PostMessageAsync(Placed(messages[i]), cancellationToken);
            first ??= ts;
        }

        return first ?? string.Empty;
    }

    /// <summary>A DM channel (D…): only the asker reads it.</summary>
    public static bool IsDirect(string channelId) => channelId.StartsWith('D');

    private async Task<string> SendPrivatelyAsync(ChatReply reply, string user, CancellationToken cancellationToken)
    {
        if (_ts is { } partial)
        {
            await api.DeleteMessageAsync(channelId, partial, cancellationToken);
            _ts = null;
        }

        string? first = null;
        foreach (var message in SlackMessageRenderer.Render(reply))
        {
            message["channel"] = channelId;
            message["user"] = user;
            if (threadTs is not null)
            {
                message["thread_ts"] = threadTs;
            }

            first ??= await api.PostEphemeralAsync(message, cancellationToken);
        }

        return first ?? string.Empty;
    }

    private JsonObject Placed(JsonObject message)
    {
        message["channel"] = channelId;
        if (threadTs is not null)
        {
            message["thread_ts"] = threadTs;
        }

        message["unfurl_links"] = false;
        message["unfurl_media"] = false;
        return message;
    }

    private async Task WaitForTurnAsync(CancellationToken cancellationToken)
    {
        if (_lastWrite is { } last && last + UpdateInterval - timeProvider.GetUtcNow() is { } wait && wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, timeProvider, cancellationToken);
        }
    }
}
