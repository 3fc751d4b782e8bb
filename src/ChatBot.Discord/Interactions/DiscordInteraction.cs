using System.Text.Json;

namespace ChatBot.Discord.Interactions;

/// <summary>The parts of an INTERACTION_CREATE payload the bot uses (protocols.md A2.1).</summary>
public sealed record DiscordInteraction(
    string Id,
    string Token,
    int Type,
    string? ChannelId,
    string? GuildId,
    string UserId,
    ulong? MemberPermissions,
    string? CommandName,
    IReadOnlyList<(string Name, string Value)> Options,
    string? CustomId,
    JsonElement? Message)
{
    public const int ApplicationCommand = 2;
    public const int MessageComponent = 3;
    public const int Autocomplete = 4;
    public const int ModalSubmit = 5;

    /// <summary>data.type of a message context-menu command.</summary>
    public const int MessageCommand = 3;

    private const ulong Administrator = 0x8;
    private const ulong ManageGuild = 0x20;

    /// <summary>Administrator or Manage Server in the guild; never in a DM.</summary>
    public bool IsAdmin => MemberPermissions is { } p && ((p & ManageGuild) != 0 || (p & Administrator) != 0);

    /// <summary>The option whose value is being typed (autocomplete), if any.</summary>
    public string? FocusedValue { get; init; }

    /// <summary>data.type: 1 slash command, 3 message command (0 when absent).</summary>
    public int CommandType { get; init; }

    /// <summary>A message command's target message: its text and its embeds' links (from data.resolved.messages).</summary>
    public string? TargetText { get; init; }

    public string? Option(string name) =>
        Options.FirstOrDefault(o => string.Equals(o.Name, name, StringComparison.Ordinal)).Value;

    public static DiscordInteraction Parse(JsonElement d)
    {
        var id = d.GetProperty("id").GetString() ?? throw new JsonException("interaction without id");
        var token = d.GetProperty("token").GetString() ?? throw new JsonException("interaction without token");
        var type = d.GetProperty("type").GetInt32();
        string? userId = null;
        ulong? permissions = null;
        if (d.TryGetProperty("member", out var member) && member.ValueKind == JsonValueKind.Object)
        {
            userId = member.TryGetProperty("user", out var mu) && mu.TryGetProperty("id", out var mid) ? mid.GetString() : null;
            if (member.TryGetProperty("permissions", out var p) && ulong.TryParse(p.GetString(), out var bits))
            {
                permissions = bits;
            }
        }

        if (userId is null && d.TryGetProperty("user", out var user) && user.TryGetProperty("id", out var uid))
        {
            userId = uid.GetString();
        }

        string? name = null;
        string? customId = null;
        string? focused = null;
        string? targetText = null;
        var commandType = 0;
        var options = new List<(string, string)>();
        if (d.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object)
        {
            name = data.TryGetProperty("name", out var n) ? n.GetString() : null;
            customId = data.TryGetProperty("custom_id", out var c) ? c.GetString() : null;
            if (data.TryGetProperty("options", out var opts))
            {
                Flatten(opts, options, ref focused);
            }

            commandType = data.TryGetProperty("type", out var ct) && ct.ValueKind == JsonValueKind.Number ? ct.GetInt32() : 0;
            targetText = TargetMessageText(data);
            if (data.TryGetProperty("components", out var components))
            {
                ModalValues(components, options);
            }
        }

        return new DiscordInteraction(
            id,
            token,
            type,
            d.TryGetProperty("channel_id", out var ch) ? ch.GetString() : null,
            d.TryGetProperty("guild_id", out var g) ? g.GetString() : null,
            userId ?? "unknown",
            permissions,
            name,
            options,
            customId,
            d.TryGetProperty("message", out var message) ? message.Clone() : null)
        {
            FocusedValue = focused,
            CommandType = commandType,
            TargetText = targetText,
        };
    }

    /// <summary>The content of data.resolved.messages[target_id], then its embeds' links (a link preview may be all there is).</summary>
    private static string? TargetMessageText(JsonElement data)
    {
        if (!data.TryGetProperty("target_id", out var target) || target.GetString() is not { } targetId
            || !data.TryGetProperty("resolved", out var resolved) || !resolved.TryGetProperty("messages", out var messages)
            || !messages.TryGetProperty(targetId, out var message))
        {
            return null;
        }

        var parts = new List<string> { message.TryGetProperty("content", out var c) ? c.GetString() ?? string.Empty : string.Empty };
        if (message.TryGetProperty("embeds", out var embeds) && embeds.ValueKind == JsonValueKind.Array)
        {
            parts.AddRange(embeds.EnumerateArray()
                .Select(e => e.TryGetProperty("url", out var u) ? u.GetString() : null)
                .OfType<string>());
        }

        return string.Join('\n', parts).Trim();
    }

    /// <summary>A modal's text inputs (in action rows, or in labels) become options named by their custom_id.</summary>
    private static void ModalValues(JsonElement components, List<(string, string)> into)
    {
        if (components.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var component in components.EnumerateArray())
        {
            ModalValue(component, into);
        }
    }

    private static void ModalValue(JsonElement component, List<(string, string)> into)
    {
        if (component.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (component.TryGetProperty("custom_id", out var id) && component.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.String)
        {
            into.Add((id.GetString() ?? string.Empty, value.GetString() ?? string.Empty));
        }

        if (component.TryGetProperty("components", out var nested))
        {
            ModalValues(nested, into);
        }

        if (component.TryGetProperty("component", out var inner))
        {
            ModalValue(inner, into);
        }
    }

    /// <summary>Subcommands become an option named "subcommand"; their options follow.</summary>
    private static void Flatten(JsonElement options, List<(string, string)> into, ref string? focused)
    {
        if (options.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var option in options.EnumerateArray())
        {
            var name = option.GetProperty("name").GetString() ?? string.Empty;
            var type = option.TryGetProperty("type", out var t) ? t.GetInt32() : 3;
            if (type is 1 or 2)
            {
                into.Add(("subcommand", name));
                if (option.TryGetProperty("options", out var nested))
                {
                    Flatten(nested, into, ref focused);
                }

                continue;
            }

            if (!option.TryGetProperty("value", out var value))
            {
                continue;
            }

            var text = value.ValueKind == JsonValueKind.String ? value.GetString() ?? string.Empty : value.GetRawText();
            into.Add((name, text));
            if (option.TryGetProperty("focused", out var f) && f.ValueKind == JsonValueKind.True)
            {
                focused = text;
            }
        }
    }
}
