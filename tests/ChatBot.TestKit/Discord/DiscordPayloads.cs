using System.Text.Json.Nodes;

namespace ChatBot.TestKit.Discord;

/// <summary>Gateway payloads in Discord's wire format (protocols.md A1.14), for tests.</summary>
public static class DiscordPayloads
{
    public const string GuildId = "2200000000000000002";
    public const string ChannelId = "4400000000000000004";
    public const string UserId = "5500000000000000005";

    /// <summary>
    /// A MESSAGE_CREATE; with <paramref name="replyTo"/>, a reply (type 19) to that message by <paramref name="replyToAuthor"/>
    /// (the bot by default), which answered the interaction <paramref name="answeredInteraction"/> or replied to the message
    /// <paramref name="answeredMessage"/>.
    /// </summary>
    public static JsonObject Message(
        string id, string content, string? replyTo = null, string? replyToAuthor = null, string? replyToText = null,
        string? answeredInteraction = null, string? answeredMessage = null, string authorId = UserId, bool authorIsBot = false)
    {
        var message = new JsonObject
        {
            ["id"] = id,
            ["channel_id"] = ChannelId,
            ["guild_id"] = GuildId,
            ["author"] = new JsonObject { ["id"] = authorId, ["username"] = authorIsBot ? "feedbot" : "alice", ["bot"] = authorIsBot },
            ["content"] = content,
            ["timestamp"] = "2026-12-05T10:00:00.000000+00:00",
            ["mentions"] = new JsonArray(),
            ["type"] = replyTo is null ? 0 : 19,
        };
        if (replyTo is not null)
        {
            message["message_reference"] = new JsonObject { ["type"] = 0, ["message_id"] = replyTo, ["channel_id"] = ChannelId, ["guild_id"] = GuildId };
            message["referenced_message"] = new JsonObject
            {
                ["id"] = replyTo,
                ["channel_id"] = ChannelId,
                ["author"] = new JsonObject { ["id"] = replyToAuthor ?? FakeDiscordServer.ApplicationId, ["username"] = "chatbot", ["bot"] = true },
                ["content"] = string.Empty,
                ["embeds"] = new JsonArray(new JsonObject { ["description"] = replyToText ?? "An earlier answer." }),
                ["type"] = answeredMessage is null ? 0 : 19,
            };
            if (answeredInteraction is not null)
            {
                message["referenced_message"]!["interaction_metadata"] = new JsonObject
                {
                    ["id"] = answeredInteraction,
                    ["type"] = 2,
                    ["user"] = new JsonObject { ["id"] = UserId, ["username"] = "alice" },
                };
            }

            if (answeredMessage is not null)
            {
                message["referenced_message"]!["message_reference"] = new JsonObject { ["type"] = 0, ["message_id"] = answeredMessage, ["channel_id"] = ChannelId };
            }
        }

        return message;
    }
}
