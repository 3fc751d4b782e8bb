using System.Text.Json;

namespace ChatBot.Discord.Messages;

/// <summary>The parts of a MESSAGE_CREATE payload the bot uses (protocols.md A1.14).</summary>
/// <param name="Content">Empty for others' messages that do not mention the bot unless the Message Content intent is granted.</param>
/// <param name="ReferencedId">The message this one replies to, if any.</param>
/// <param name="ReferencedAuthorId">That message's author, when Discord sent it along (referenced_message).</param>
/// <param name="ReferencedText">That message's text: its content, else its embeds' descriptions.</param>
/// <param name="ReferencedConversation">
/// The key the bot kept that message's conversation under: the message it replied to (a follow-up's answer), else the
/// interaction it answered (interaction_metadata), else its own id.
/// </param>
public sealed record DiscordMessage(
    string Id,
    string ChannelId,
    string? GuildId,
    string AuthorId,
    bool AuthorIsBot,
    string Content,
    string? ReferencedId,
    string? ReferencedAuthorId,
    string? ReferencedText,
    string? ReferencedConversation)
{
    public static DiscordMessage Parse(JsonElement d)
    {
        var author = d.GetProperty("author");
        var referenced = d.TryGetProperty("referenced_message", out var r) && r.ValueKind == JsonValueKind.Object ? r : (JsonElement?)null;
        var referencedId = d.TryGetProperty("message_reference", out var reference) && reference.ValueKind == JsonValueKind.Object
            && reference.TryGetProperty("message_id", out var mid) ? mid.GetString() : null;
        return new DiscordMessage(
            d.GetProperty("id").GetString() ?? throw new JsonException("message without id"),
            d.GetProperty("channel_id").GetString() ?? throw new JsonException("message without channel_id"),
            d.TryGetProperty("guild_id", out var g) ? g.GetString() : null,
            author.GetProperty("id").GetString() ?? throw new JsonException("message without author id"),
            author.TryGetProperty("bot", out var bot) && bot.ValueKind == JsonValueKind.True,
            d.TryGetProperty("content", out var c) ? c.GetString() ?? string.Empty : string.Empty,
            referencedId ?? (referenced is { } rm && rm.TryGetProperty("id", out var rid) ? rid.GetString() : null),
            referenced is { } m && m.TryGetProperty("author", out var ra) && ra.TryGetProperty("id", out var raid) ? raid.GetString() : null,
            referenced is { } text ? TextOf(text) : null,
            referenced is { } answer ? ConversationOf(answer) : referencedId);
    }

    /// <summary>The text minus mentions of <paramref name="botUserId"/> (<c>&lt;@id&gt;</c> and the legacy <c>&lt;@!id&gt;</c>).</summary>
    public string TextWithoutMention(string botUserId) =>
        Content.Replace($"<@{botUserId}>", string.Empty, StringComparison.Ordinal)
            .Replace($"<@!{botUserId}>", string.Empty, StringComparison.Ordinal)
            .Trim();

    private static string? ConversationOf(JsonElement message) =>
        IdIn(message, "message_reference", "message_id") ?? IdIn(message, "interaction_metadata", "id") ?? IdIn(message, "interaction", "id")
        ?? (message.TryGetProperty("id", out var id) ? id.GetString() : null);

    private static string? IdIn(JsonElement message, string property, string idName) =>
        message.TryGetProperty(property, out var inner) && inner.ValueKind == JsonValueKind.Object && inner.TryGetProperty(idName, out var id)
            ? id.GetString()
            : null;

    private static string? TextOf(JsonElement message)
    {
        if (message.TryGetProperty("content", out var content) && content.GetString() is { Length: > 0 } text)
        {
            return text;
        }

        if (!message.TryGetProperty("embeds", out var embeds) || embeds.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var descriptions = embeds.EnumerateArray()
            .Select(e => e.TryGetProperty("description", out var description) ? description.GetString() : null)
            .OfType<string>()
            .ToList();
        return descriptions.Count == 0 ? null : string.Join('\n', descriptions);
    }
}
