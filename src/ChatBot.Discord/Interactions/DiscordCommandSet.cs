using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ChatBot.Core.Chat;
using ChatBot.Discord.MessageActions;

namespace ChatBot.Discord.Interactions;

/// <summary>The bot's slash commands as Discord command JSON (protocols.md A3.2), and the way back from an interaction to a <see cref="ChatRequest"/> argument.</summary>
public static class DiscordCommandSet
{
    private const long ManageGuild = 0x20;

    public static JsonArray Build()
    {
        JsonArray commands =
        [
            Command("ask", "Ask a question; the answer cites the indexed articles", false,
                Str("question", "Your question", required: true, maxLength: 1000)),
            Command("summarize", "Summarise an indexed article or a web page", false,
                Str("article", "An indexed article (title or number)", autocomplete: true),
                Str("url", "A web page to read and summarise", maxLength: 2000),
                Choices("length", "How long a summary", required: false, "short", "medium", "long")),
            Command("search", "The articles that best match, with a snippet each", false,
                Str("query", "What to look for", required: true, maxLength: 1000)),
            Command("digest", "Preview this channel's digest now", false),
            Command("add", "Index a web page or feed item (admins)", true,
                Str("url", "The page's URL", required: true, maxLength: 2000)),
            Command("feeds", "RSS/Atom subscriptions for this channel (admins)", true,
                Sub("add", "Subscribe this channel to a feed", Str("url", "The feed's URL", required: true, maxLength: 2000)),
                Sub("remove", "Unsubscribe a feed", Str("feed", "The feed's URL or id", required: true, maxLength: 2000)),
                Sub("list", "This channel's feeds")),
            Command("schedule", "This channel's daily digest schedule (admins)", true,
                Sub("set", "Post a digest on a schedule",
                    Str("cron", "A cron expression, e.g. 0 8 * * *", required: true, maxLength: 100),
                    Str("timezone", "An IANA time zone, e.g. Europe/Paris", maxLength: 64)),
                Sub("off", "Stop the digest"),
                Sub("show", "Show the schedule")),
            Command("articles", "List the indexed articles", false),
            Command("forget", "Remove an article from the index (admins)", true,
                Str("article", "The article (title or number)", required: true, autocomplete: true)),
            Command("autosummary", "Reply to links posted here with a short summary (admins)", true,
                Choices("mode", "Turn link summaries on or off", required: true, "on", "off")),
            Command("stats", "This library's questions, answers and feedback (admins)", true,
                Choices("view", "What to show (default: the last 24 h and 7 days)", required: false, "summary", "gaps")),
            Command("library", "Which library this channel uses", false),
            Command("help", "What the bot can do", false),
        ];
        foreach (var messageCommand in DiscordMessageActions.Commands())
        {
            commands.Add(messageCommand);
        }

        return commands;
    }

    /// <summary>SHA-256 of the command set and where it goes: the overwrite is only sent when this changes.</summary>
    public static string Hash(JsonArray commands, string applicationId, string? guildId)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var text = applicationId + "|" + (guildId ?? "global") + "|" + commands.ToJsonString();
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>The command and argument a slash command interaction stands for.</summary>
    public static (ChatCommand Command, string Argument) ToCommand(DiscordInteraction interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        if (DiscordMessageActions.ToCommand(interaction) is { } messageAction)
        {
            return messageAction;
        }

        if (!ChatCommands.TryParseName(interaction.CommandName ?? string.Empty, out var command))
        {
            return (ChatCommand.Unknown, interaction.CommandName ?? string.Empty);
        }

        var argument = command switch
        {
            ChatCommand.Ask => interaction.Option("question") ?? string.Empty,
            ChatCommand.Search => interaction.Option("query") ?? string.Empty,
            ChatCommand.Add => interaction.Option("url") ?? string.Empty,
            ChatCommand.Forget => interaction.Option("article") ?? string.Empty,
            ChatCommand.AutoSummary => interaction.Option("mode") ?? string.Empty,
            ChatCommand.Stats => interaction.Option("view") is "gaps" ? "gaps" : string.Empty,
            ChatCommand.Summarize => Join(interaction.Option("article") ?? interaction.Option("url"), interaction.Option("length")),
            ChatCommand.Feeds => Join(interaction.Option("subcommand"), interaction.Option("url") ?? interaction.Option("feed")),
            ChatCommand.Schedule => interaction.Option("subcommand") == "set"
                ? Join("set", $"\"{interaction.Option("cron")}\"", interaction.Option("timezone"))
                : interaction.Option("subcommand") ?? "show",
            _ => string.Empty,
        };
        return (command, argument);
    }

    private static string Join(params string?[] parts) =>
        string.Join(' ', parts.Where(p => !string.IsNullOrWhiteSpace(p)));

    private static JsonObject Command(string name, string description, bool admin, params JsonObject[] options)
    {
        var command = new JsonObject
        {
            ["name"] = name,
            ["type"] = 1,
            ["description"] = description,
            ["contexts"] = admin ? new JsonArray(0) : new JsonArray(0, 1),
            ["integration_types"] = new JsonArray(0),
        };
        if (admin)
        {
            command["default_member_permissions"] = ManageGuild;
        }

        if (options.Length > 0)
        {
            command["options"] = new JsonArray(options);
        }

        return command;
    }

    private static JsonObject Str(string name, string description, bool required = false, bool autocomplete = false, int? maxLength = null)
    {
        var option = new JsonObject { ["type"] = 3, ["name"] = name, ["description"] = description, ["required"] = required };
        if (autocomplete)
        {
            option["autocomplete"] = true;
        }

        if (maxLength is { } max)
        {
            option["max_length"] = max;
        }

        return option;
    }

    private static JsonObject Choices(string name, string description, bool required, params string[] values)
    {
        var choices = new JsonArray();
        foreach (var value in values)
        {
            choices.Add(new JsonObject { ["name"] = value, ["value"] = value });
        }

        return new JsonObject { ["type"] = 3, ["name"] = name, ["description"] = description, ["required"] = required, ["choices"] = choices };
    }

    private static JsonObject Sub(string name, string description, params JsonObject[] options)
    {
        var sub = new JsonObject { ["type"] = 1, ["name"] = name, ["description"] = description };
        if (options.Length > 0)
        {
            sub["options"] = new JsonArray(options);
        }

        return sub;
    }
}
