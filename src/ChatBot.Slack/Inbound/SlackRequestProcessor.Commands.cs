using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Core.Chat;
using ChatBot.Core.Stats;
using ChatBot.Slack.Logging;
using ChatBot.Slack.Rendering;

namespace ChatBot.Slack.Inbound;

public sealed partial class SlackRequestProcessor
{
    /// <summary>Slash commands (protocols.md B4): already acked; the answer goes to response_url, else chat.postMessage.</summary>
    private async Task HandleSlashCommandAsync(JsonElement payload, string correlationId, CancellationToken cancellationToken)
    {
        var user = SlackInbox.Text(payload, "user_id");
        var channel = SlackInbox.Text(payload, "channel_id");
        if (user is null || channel is null)
        {
            SlackLog.Ignored(logger, "slash command without user or channel");
            return;
        }

        var name = SlackInbox.Text(payload, "command") ?? string.Empty;
        var argument = SlackText.FromSlack(SlackInbox.Text(payload, "text"), identity.BotUserId);
        var command = ChatCommands.TryParseName(name, out var parsed) ? parsed : ChatCommand.Unknown;
        var team = TeamOf(payload);
        var request = new ChatRequest(Platform, channel, user, command, command == ChatCommand.Unknown ? name : argument, IsAdmin(team, user), correlationId) { Workspace = team };
        var reply = await RunAsync(request, null, cancellationToken);

        if (Uri.TryCreate(SlackInbox.Text(payload, "response_url"), UriKind.Absolute, out var responseUrl))
        {
            foreach (var message in SlackMessageRenderer.Render(reply))
            {
                message["response_type"] = reply.Ephemeral ? "ephemeral" : "in_channel";
                await api.RespondAsync(responseUrl, message, cancellationToken);
            }
        }
        else
        {
            await PostAsync(channel, null, user, reply, cancellationToken);
        }
    }

    /// <summary>Message shortcuts and the modal's submission (MessageActions), and block_actions (protocols.md B7.3): "summarize:N" answers in the thread; a 👍/👎 button records the vote and thanks the voter privately.</summary>
    private async Task HandleInteractionAsync(JsonElement payload, string correlationId, CancellationToken cancellationToken)
    {
        switch (SlackInbox.Text(payload, "type"))
        {
            case "message_action":
                await HandleMessageShortcutAsync(payload, correlationId, cancellationToken);
                return;
            case "view_submission":
                await HandleViewSubmissionAsync(payload, correlationId, cancellationToken);
                return;
        }

        if (SlackInbox.Text(payload, "type") != "block_actions"
            || Property(payload, "actions") is not { ValueKind: JsonValueKind.Array } actions || actions.GetArrayLength() == 0)
        {
            SlackLog.Ignored(logger, "interaction that is not a button");
            return;
        }

        var actionId = SlackInbox.Text(actions[0], "action_id") ?? string.Empty;
        var user = Property(payload, "user") is { } u ? SlackInbox.Text(u, "id") : null;
        var channel = Property(payload, "channel") is { } c ? SlackInbox.Text(c, "id") : null;
        var message = Property(payload, "message");
        var messageTs = message is { } m ? SlackInbox.Text(m, "ts") : null;
        if (user is null || channel is null)
        {
            return;
        }

        if (actionId.StartsWith("summarize:", StringComparison.Ordinal))
        {
            var team = TeamOf(payload);
            var request = new ChatRequest(Platform, channel, user, ChatCommand.Summarize, actionId["summarize:".Length..], IsAdmin(team, user), correlationId) { Workspace = team };
            var reply = await RunAsync(request, null, cancellationToken);
            var thread = message is { } msg ? SlackInbox.Text(msg, "thread_ts") ?? messageTs : null;
            await PostAsync(channel, thread, user, reply, cancellationToken);
            return;
        }

        if (FeedbackVotes.IsFeedback(actionId))
        {
            // The vote is kept (one per user per answer; a second click changes it); the buttons stay for everyone else,
            // and only the voter sees the thanks.
            var text = await _feedback.VoteAsync(Platform, user, actionId, cancellationToken);
            var thanks = new JsonObject { ["channel"] = channel, ["user"] = user, ["text"] = text };
            if (message is { } original && SlackInbox.Text(original, "thread_ts") is { } thread)
            {
                thanks["thread_ts"] = thread;
            }

            await api.PostEphemeralAsync(thanks, cancellationToken);
            return;
        }

        SlackLog.UnknownAction(logger, actionId);
    }
}
