using System.Text.Json.Nodes;

namespace ChatBot.TestKit.Slack;

/// <summary>Slack payloads in the wire format of protocols.md B1.2, B3, B4 and B7.3, for tests.</summary>
public static class SlackPayloads
{
    public const string Channel = "C061EG9SL";
    public const string User = "U061F7AUR";

    public static JsonObject AppMention(string eventId, string ts, string text, string? threadTs = null, string user = User) =>
        EventCallback(eventId, new JsonObject
        {
            ["type"] = "app_mention",
            ["user"] = user,
            ["text"] = $"<@{FakeSlackServer.BotUserId}> {text}",
            ["ts"] = ts,
            ["channel"] = Channel,
            ["event_ts"] = ts,
            ["thread_ts"] = threadTs,
        });

    public static JsonObject Message(string eventId, string ts, string text, string? threadTs = null, string user = User,
        string channel = Channel, string channelType = "channel", string? botId = null, string? subtype = null)
    {
        var ev = new JsonObject
        {
            ["type"] = "message",
            ["user"] = user,
            ["text"] = text,
            ["ts"] = ts,
            ["event_ts"] = ts,
            ["channel"] = channel,
            ["channel_type"] = channelType,
        };
        if (threadTs is not null)
        {
            ev["thread_ts"] = threadTs;
        }

        if (botId is not null)
        {
            ev["bot_id"] = botId;
        }

        if (subtype is not null)
        {
            ev["subtype"] = subtype;
        }

        return EventCallback(eventId, ev);
    }

    public static JsonObject EventCallback(string eventId, JsonObject ev) => new()
    {
        ["token"] = "legacy-verification-token",
        ["team_id"] = FakeSlackServer.TeamId,
        ["api_app_id"] = "A0123ABCD",
        ["type"] = "event_callback",
        ["event_id"] = eventId,
        ["event_time"] = 1_700_000_000,
        ["authorizations"] = new JsonArray(new JsonObject { ["team_id"] = FakeSlackServer.TeamId, ["user_id"] = FakeSlackServer.BotUserId, ["is_bot"] = true }),
        ["event"] = ev,
    };

    public static JsonObject SlashCommand(string command, string text, Uri responseUrl, string triggerId, string user = User) => new()
    {
        ["token"] = "legacy",
        ["team_id"] = FakeSlackServer.TeamId,
        ["team_domain"] = "acme",
        ["channel_id"] = Channel,
        ["channel_name"] = "help",
        ["user_id"] = user,
        ["user_name"] = "alice",
        ["command"] = command,
        ["text"] = text,
        ["api_app_id"] = "A0123ABCD",
        ["is_enterprise_install"] = "false",
        ["response_url"] = responseUrl.AbsoluteUri,
        ["trigger_id"] = triggerId,
    };

    public static JsonObject BlockAction(string actionId, string messageTs, string? threadTs, Uri responseUrl, string triggerId) => new()
    {
        ["type"] = "block_actions",
        ["team"] = new JsonObject { ["id"] = FakeSlackServer.TeamId, ["domain"] = "acme" },
        ["user"] = new JsonObject { ["id"] = User, ["username"] = "alice", ["name"] = "alice", ["team_id"] = FakeSlackServer.TeamId },
        ["api_app_id"] = "A0123ABCD",
        ["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = messageTs, ["channel_id"] = Channel, ["is_ephemeral"] = false },
        ["trigger_id"] = triggerId,
        ["channel"] = new JsonObject { ["id"] = Channel, ["name"] = "help" },
        ["message"] = new JsonObject
        {
            ["type"] = "message",
            ["ts"] = messageTs,
            ["thread_ts"] = threadTs,
            ["bot_id"] = FakeSlackServer.BotId,
            ["text"] = "An answer",
            ["blocks"] = new JsonArray(
                new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = "An answer" } },
                new JsonObject { ["type"] = "actions", ["elements"] = new JsonArray() }),
        },
        ["response_url"] = responseUrl.AbsoluteUri,
        ["actions"] = new JsonArray(new JsonObject
        {
            ["type"] = "button",
            ["action_id"] = actionId,
            ["block_id"] = "reply_actions",
            ["value"] = actionId,
            ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "b" },
            ["action_ts"] = "1700000300.123456",
        }),
    };

    /// <summary>A message as conversations.replies returns it (a person's, or with <paramref name="botId"/> a bot's).</summary>
    public static JsonObject ThreadMessage(string ts, string text, string threadTs, string user = User, string? botId = null)
    {
        var message = new JsonObject
        {
            ["type"] = "message",
            ["user"] = user,
            ["text"] = text,
            ["ts"] = ts,
            ["thread_ts"] = threadTs,
        };
        if (botId is not null)
        {
            message["bot_id"] = botId;
        }

        return message;
    }

    /// <summary>A Socket Mode envelope around a payload.</summary>
    public static JsonObject Envelope(string envelopeId, string type, JsonObject payload, int retryAttempt = 0) => new()
    {
        ["envelope_id"] = envelopeId,
        ["type"] = type,
        ["accepts_response_payload"] = type == "slash_commands",
        ["retry_attempt"] = retryAttempt,
        ["retry_reason"] = retryAttempt > 0 ? "timeout" : string.Empty,
        ["payload"] = payload,
    };

    public static JsonObject Disconnect(string reason) => new()
    {
        ["type"] = "disconnect",
        ["reason"] = reason,
        ["debug_info"] = new JsonObject { ["host"] = "wss-111.slack.com" },
    };

    /// <summary>A message shortcut (interactive payload type message_action) on a person's message.</summary>
    public static JsonObject MessageShortcut(string callbackId, string messageTs, string text, Uri responseUrl, string triggerId, string? threadTs = null) => new()
    {
        ["type"] = "message_action",
        ["callback_id"] = callbackId,
        ["trigger_id"] = triggerId,
        ["action_ts"] = "1700000300.123456",
        ["message_ts"] = messageTs,
        ["team"] = new JsonObject { ["id"] = FakeSlackServer.TeamId, ["domain"] = "acme" },
        ["user"] = new JsonObject { ["id"] = User, ["name"] = "alice" },
        ["channel"] = new JsonObject { ["id"] = Channel, ["name"] = "help" },
        ["message"] = new JsonObject
        {
            ["type"] = "message",
            ["user"] = "U0BOB0001",
            ["text"] = text,
            ["ts"] = messageTs,
            ["thread_ts"] = threadTs,
        },
        ["response_url"] = responseUrl.AbsoluteUri,
    };

    /// <summary>A modal's submission (interactive payload type view_submission) with one plain-text input.</summary>
    public static JsonObject ViewSubmission(string callbackId, string privateMetadata, string blockId, string actionId, string value, string triggerId) => new()
    {
        ["type"] = "view_submission",
        ["team"] = new JsonObject { ["id"] = FakeSlackServer.TeamId, ["domain"] = "acme" },
        ["user"] = new JsonObject { ["id"] = User, ["name"] = "alice" },
        ["trigger_id"] = triggerId,
        ["view"] = new JsonObject
        {
            ["id"] = "V0123MODAL",
            ["type"] = "modal",
            ["callback_id"] = callbackId,
            ["private_metadata"] = privateMetadata,
            ["state"] = new JsonObject
            {
                ["values"] = new JsonObject
                {
                    [blockId] = new JsonObject { [actionId] = new JsonObject { ["type"] = "plain_text_input", ["value"] = value } },
                },
            },
        },
    };
}
