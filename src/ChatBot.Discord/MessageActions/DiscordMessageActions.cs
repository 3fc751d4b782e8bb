using System.Text.Json.Nodes;
using ChatBot.Core.Chat;
using ChatBot.Discord.Interactions;
using ChatBot.Discord.Rendering;

namespace ChatBot.Discord.MessageActions;

/// <summary>
/// The message context-menu commands (application command type 3, registered with the slash commands): "Summarize"
/// runs as <see cref="ChatCommand.SummarizeMessage"/> on the message's text; "Ask about this article" answers with a
/// modal (callback type 9) holding the message's first link and a question box, whose submission (interaction type 5)
/// runs as <see cref="ChatCommand.AskArticle"/>.
/// </summary>
public static class DiscordMessageActions
{
    public const string SummarizeName = "Summarize";
    public const string AskName = "Ask about this article";
    public const string AskModalId = "ask-article";
    public const string ArticleField = "article";
    public const string QuestionField = "question";
    public const string NoLink = "That message has no article link to ask about.";

    /// <summary>The two message commands, for the bulk overwrite.</summary>
    public static IEnumerable<JsonObject> Commands() => [Command(SummarizeName), Command(AskName)];

    /// <summary>The command and argument of a message command or of the modal's submission; null when it is neither.</summary>
    public static (ChatCommand Command, string Argument)? ToCommand(DiscordInteraction interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        if (interaction.Type == DiscordInteraction.ModalSubmit)
        {
            return interaction.CustomId == AskModalId
                ? (ChatCommand.AskArticle, $"{interaction.Option(ArticleField)?.Trim()} {interaction.Option(QuestionField)?.Trim()}".Trim())
                : (ChatCommand.Unknown, interaction.CustomId ?? string.Empty);
        }

        if (interaction.CommandType != DiscordInteraction.MessageCommand)
        {
            return null;
        }

        return interaction.CommandName == SummarizeName
            ? (ChatCommand.SummarizeMessage, interaction.TargetText ?? string.Empty)
            : (ChatCommand.Unknown, interaction.CommandName ?? string.Empty);
    }

    /// <summary>"Ask about this article" is answered at once: the modal, or a private "no link" (callback type 9 or 4).</summary>
    public static bool IsAskCommand(DiscordInteraction interaction) =>
        interaction is { Type: DiscordInteraction.ApplicationCommand, CommandType: DiscordInteraction.MessageCommand, CommandName: AskName };

    /// <summary>The interaction response to "Ask about this article".</summary>
    public static JsonObject AskResponse(DiscordInteraction interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        if (MessageLinks.Find(interaction.TargetText, 1) is not [var link])
        {
            return new JsonObject { ["type"] = 4, ["data"] = DiscordMessageRenderer.Plain(NoLink, ephemeral: true) };
        }

        return new JsonObject
        {
            ["type"] = 9,
            ["data"] = new JsonObject
            {
                ["custom_id"] = AskModalId,
                ["title"] = "Ask about this article",
                ["components"] = new JsonArray(
                    Row(TextInput(ArticleField, "Article", style: 1, link.AbsoluteUri, maxLength: 2000)),
                    Row(TextInput(QuestionField, "Your question", style: 2, null, maxLength: 1000))),
            },
        };
    }

    private static JsonObject Command(string name) => new()
    {
        ["name"] = name,
        ["type"] = DiscordInteraction.MessageCommand,
        ["contexts"] = new JsonArray(0, 1),
        ["integration_types"] = new JsonArray(0),
    };

    private static JsonObject Row(JsonObject input) => new() { ["type"] = 1, ["components"] = new JsonArray(input) };

    private static JsonObject TextInput(string id, string label, int style, string? value, int maxLength)
    {
        var input = new JsonObject
        {
            ["type"] = 4,
            ["custom_id"] = id,
            ["style"] = style,
            ["label"] = label,
            ["required"] = true,
            ["max_length"] = maxLength,
        };
        if (value is not null)
        {
            input["value"] = value.Length > maxLength ? value[..maxLength] : value;
        }

        return input;
    }
}
