using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Core.Chat;
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

    /// <summary>Message shortcuts and the modal's submission (MessageActions), and block_actions (protocols.md B7.3): "summarize:N" answers in the thread; feedback buttons thank and disappear.</summary>
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

        if (actionId is "feedback:up" or "feedback:down" && message is { } original && messageTs is not null)
        {
            // Replace the buttons with a thank-you; the rest of the message (our own blocks) stays.
            var blocks = new JsonArray();
            if (Property(original, "blocks") is { ValueKind: JsonValueKind.Array } existing)
            {
                foreach (var block in existing.EnumerateArray().Where(b => SlackInbox.Text(b, "type") != "actions"))
                {
                    blocks.Add(JsonNode.Parse(block.GetRawText()));
                }
            }

            blocks.Add(new JsonObject { ["type"] = "context", ["elements"] = new JsonArray(SlackMessageRenderer.Mrkdwn(FeedbackThanks)) });
            await api.UpdateMessageAsync(new JsonObject
            {
                ["channel"] = channel,
                ["ts"] = messageTs,
                ["text"] = SlackInbox.Text(original, "text") ?? FeedbackThanks,
                ["blocks"] = blocks,
            }, cancellationToken);
            return;
        }

        SlackLog.UnknownAction(logger, actionId);
    }
}
