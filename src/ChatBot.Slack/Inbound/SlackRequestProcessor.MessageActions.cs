using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Core.Chat;
using ChatBot.Slack.Api;
using ChatBot.Slack.Logging;
using ChatBot.Slack.Rendering;

namespace ChatBot.Slack.Inbound;

public sealed partial class SlackRequestProcessor
{
    /// <summary>The message shortcut "Summarize" (callback_id in the app manifest).</summary>
    public const string SummarizeShortcut = "summarize_message";

    /// <summary>The message shortcut "Ask about this article", and the callback_id of the modal it opens.</summary>
    public const string AskShortcut = "ask_article";

    public const string NoLinkText = "That message has no article link to ask about.";
    public const string ModalFailedText = "I couldn't open the question box in time. Please try again.";

    /// <summary>
    /// A message shortcut (payload type message_action): "Summarize" answers in the message's thread (a refusal to the
    /// clicker only); "Ask about this article" opens a modal (views.open with the trigger_id) for the question, keeping the
    /// article link and where to answer in private_metadata.
    /// </summary>
    private async Task HandleMessageShortcutAsync(JsonElement payload, string correlationId, CancellationToken cancellationToken)
    {
        var callback = SlackInbox.Text(payload, "callback_id");
        var user = Property(payload, "user") is { } u ? SlackInbox.Text(u, "id") : null;
        var channel = Property(payload, "channel") is { } c ? SlackInbox.Text(c, "id") : null;
        var message = Property(payload, "message");
        var messageTs = message is { } m ? SlackInbox.Text(m, "ts") : null;
        if (user is null || channel is null || message is not { } target || messageTs is null)
        {
            SlackLog.Ignored(logger, "message shortcut without user, channel or message");
            return;
        }

        var thread = SlackInbox.Text(target, "thread_ts") ?? messageTs;
        var text = SlackText.FromSlack(SlackInbox.Text(target, "text"), identity.BotUserId);
        if (callback == SummarizeShortcut)
        {
            var team = TeamOf(payload);
            var request = new ChatRequest(Platform, channel, user, ChatCommand.SummarizeMessage, text, IsAdmin(team, user), correlationId, thread) { Workspace = team };
            await PostAsync(channel, thread, user, await RunAsync(request, null, cancellationToken), cancellationToken);
            return;
        }

        if (callback != AskShortcut || SlackInbox.Text(payload, "trigger_id") is not { } trigger)
        {
            SlackLog.UnknownAction(logger, callback ?? "?");
            return;
        }

        if (MessageLinks.Find(text, 1) is not [var link])
        {
            await PostAsync(channel, thread, user, ChatReply.Refusal(NoLinkText), cancellationToken);
            return;
        }

        var metadata = new JsonObject { ["channel"] = channel, ["thread"] = thread, ["link"] = link.AbsoluteUri };
        try
        {
            await api.ViewsOpenAsync(trigger, AskModal(link, metadata), cancellationToken);
        }
        catch (SlackApiException ex)
        {
            // The trigger lives 3 s (expired_trigger_id when the bot was busy): say so instead of doing nothing.
            SlackLog.RequestFailed(logger, ex, "views.open", correlationId);
            await PostAsync(channel, thread, user, ChatReply.Refusal(ModalFailedText), cancellationToken);
        }
    }

    /// <summary>The modal's submission (payload type view_submission, already acked with an empty body, which closes it).</summary>
    private async Task HandleViewSubmissionAsync(JsonElement payload, string correlationId, CancellationToken cancellationToken)
    {
        var view = Property(payload, "view");
        var user = Property(payload, "user") is { } u ? SlackInbox.Text(u, "id") : null;
        if (view is not { } v || SlackInbox.Text(v, "callback_id") != AskShortcut || user is null
            || ParseMetadata(SlackInbox.Text(v, "private_metadata")) is not { } metadata
            || (string?)metadata["channel"] is not { } channel || (string?)metadata["link"] is not { } link)
        {
            SlackLog.Ignored(logger, "view submission that is not the article question");
            return;
        }

        var question = Property(v, "state") is { } state && Property(state, "values") is { } values
            && Property(values, "question") is { } block && Property(block, "question") is { } input
            ? SlackInbox.Text(input, "value") ?? string.Empty
            : string.Empty;
        var thread = (string?)metadata["thread"];
        var team = TeamOf(payload);
        var request = new ChatRequest(Platform, channel, user, ChatCommand.AskArticle, link + " " + question.Trim(), IsAdmin(team, user), correlationId, thread) { Workspace = team };
        await PostAsync(channel, thread, user, await RunAsync(request, null, cancellationToken), cancellationToken);
    }

    private static JsonObject AskModal(Uri link, JsonObject metadata) => new()
    {
        ["type"] = "modal",
        ["callback_id"] = AskShortcut,
        ["title"] = PlainText("Ask about this article"),
        ["submit"] = PlainText("Ask"),
        ["close"] = PlainText("Cancel"),
        ["private_metadata"] = metadata.ToJsonString(),
        ["blocks"] = new JsonArray(
            new JsonObject { ["type"] = "context", ["elements"] = new JsonArray(SlackMessageRenderer.Mrkdwn(SlackText.Escape(link.AbsoluteUri))) },
            new JsonObject
            {
                ["type"] = "input",
                ["block_id"] = "question",
                ["label"] = PlainText("Your question"),
                ["element"] = new JsonObject
                {
                    ["type"] = "plain_text_input",
                    ["action_id"] = "question",
                    ["multiline"] = true,
                    ["max_length"] = 1000,
                },
            }),
    };

    private static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = text };

    private static JsonObject? ParseMetadata(string? text)
    {
        try
        {
            return text is null ? null : JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
