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

    /// <summary>
    /// An INTERACTION_CREATE of a message context-menu command (data.type 3) on a message with this text (and embed
    /// links), as Discord sends it: the target in data.target_id, the message in data.resolved.messages.
    /// </summary>
    public static JsonObject MessageCommand(string id, string name, string targetText, params string[] embedUrls)
    {
        var interaction = FakeDiscordServer.Interaction(id, name);
        var embeds = new JsonArray();
        foreach (var url in embedUrls)
        {
            embeds.Add(new JsonObject { ["type"] = "link", ["url"] = url, ["title"] = "A link" });
        }

        interaction["data"] = new JsonObject
        {
            ["id"] = "6600000000000000007",
            ["name"] = name,
            ["type"] = 3,
            ["target_id"] = "7700000000000000007",
            ["resolved"] = new JsonObject
            {
                ["messages"] = new JsonObject
                {
                    ["7700000000000000007"] = new JsonObject
                    {
                        ["id"] = "7700000000000000007",
                        ["channel_id"] = ChannelId,
                        ["author"] = new JsonObject { ["id"] = UserId, ["username"] = "alice" },
                        ["content"] = targetText,
                        ["embeds"] = embeds,
                        ["timestamp"] = "2026-12-05T10:00:00.000000+00:00",
                        ["type"] = 0,
                    },
                },
            },
        };
        return interaction;
    }

    /// <summary>An INTERACTION_CREATE of a modal's submission (type 5): each text input in its own action row.</summary>
    public static JsonObject ModalSubmit(string id, string customId, params (string Id, string Value)[] inputs)
    {
        var interaction = FakeDiscordServer.Interaction(id, string.Empty, type: 5);
        var rows = new JsonArray();
        foreach (var (inputId, value) in inputs)
        {
            rows.Add(new JsonObject
            {
                ["type"] = 1,
                ["components"] = new JsonArray(new JsonObject { ["type"] = 4, ["custom_id"] = inputId, ["value"] = value }),
            });
        }

        interaction["data"] = new JsonObject { ["custom_id"] = customId, ["components"] = rows };
        return interaction;
    }
}
