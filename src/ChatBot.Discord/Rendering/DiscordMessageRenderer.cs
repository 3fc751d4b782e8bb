using System.Text;
using System.Text.Json.Nodes;
using ChatBot.Core.Chat;

namespace ChatBot.Discord.Rendering;

/// <summary>
/// Renders a <see cref="ChatReply"/> as Discord messages: an embed with the answer and numbered sources (linked
/// titles), buttons from the reply's actions, all within Discord's limits (long replies become several
/// messages), and <c>allowed_mentions: {"parse": []}</c> on every message so nothing can ping.
/// </summary>
public static class DiscordMessageRenderer
{
    public const int EphemeralFlag = 64;
    private const int DescriptionChunk = 4000;
    private const int EmbedBudget = 5800;

    public static JsonObject NoMentions() => new() { ["parse"] = new JsonArray() };

    /// <summary>The messages of a reply, first to last; never empty.</summary>
    public static IReadOnlyList<JsonObject> Render(ChatReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var messages = reply.Kind is ReplyKind.Refusal or ReplyKind.Error or ReplyKind.Busy
            ? RenderPlain(reply)
            : RenderEmbeds(reply);
        var components = Buttons(reply.Actions);
        if (components.Count > 0)
        {
            messages[^1]["components"] = components;
        }

        return messages;
    }

    /// <summary>
    /// An answer while it is being written: the text so far in the embed description with a trailing "…", no sources
    /// and no buttons (<c>components: []</c> clears any), mentions neutralised and never parsed.
    /// </summary>
    public static JsonObject Partial(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var shown = TextSplitter.Truncate(Neutralize(text.Trim()), DescriptionChunk);
        var embed = new JsonObject
        {
            ["color"] = ColorOf(ReplyKind.Answer),
            ["description"] = shown.EndsWith('…') ? shown : shown + " …",
        };
        return new JsonObject
        {
            ["embeds"] = new JsonArray(embed),
            ["components"] = new JsonArray(),
            ["allowed_mentions"] = NoMentions(),
        };
    }

    /// <summary>A plain-text message (no embed), for refusals and notices.</summary>
    public static JsonObject Plain(string text, bool ephemeral = false)
    {
        var message = new JsonObject
        {
            ["content"] = TextSplitter.Truncate(Neutralize(text), DiscordLimits.Content),
            ["embeds"] = new JsonArray(),
            ["components"] = new JsonArray(),
            ["allowed_mentions"] = NoMentions(),
        };
        if (ephemeral)
        {
            message["flags"] = EphemeralFlag;
        }

        return message;
    }

    /// <summary>Breaks @everyone and @here so they read the same but cannot ping, even where allowed_mentions is ignored.</summary>
    public static string Neutralize(string text) =>
        text.Replace("@everyone", "@\u200beveryone", StringComparison.OrdinalIgnoreCase)
            .Replace("@here", "@\u200bhere", StringComparison.OrdinalIgnoreCase);

    private static List<JsonObject> RenderPlain(ChatReply reply)
    {
        var text = reply.Note is { Length: > 0 } note ? reply.Text + "\n-# " + note : reply.Text;
        return TextSplitter.Split(Neutralize(text), DiscordLimits.Content)
            .DefaultIfEmpty("…")
            .Select(chunk => new JsonObject
            {
                ["content"] = chunk,

                // Empty embeds and components: used as an edit, a plain reply replaces a streamed partial answer.
                ["embeds"] = new JsonArray(),
                ["components"] = new JsonArray(),
                ["allowed_mentions"] = NoMentions(),
            })
            .ToList();
    }

    private static List<JsonObject> RenderEmbeds(ChatReply reply)
    {
        var builder = new EmbedPacker(ColorOf(reply.Kind));
        var title = reply.Title is { Length: > 0 } t ? TextSplitter.Truncate(Neutralize(t), DiscordLimits.EmbedTitle) : null;
        builder.Start(title);
        foreach (var chunk in TextSplitter.Split(Neutralize(reply.Text), DescriptionChunk))
        {
            builder.AddDescription(chunk);
        }

        for (var i = 0; i < reply.Items.Count; i++)
        {
            var item = reply.Items[i];
            var name = TextSplitter.Truncate(Neutralize($"{i + 1}. {item.Title}"), DiscordLimits.FieldName);
            var value = new StringBuilder(Neutralize(item.Text));
            if (item.Url is { Length: > 0 } url)
            {
                value.Append('\n').Append(Link("Open", url));
            }

            foreach (var source in item.Sources ?? [])
            {
                value.Append('\n').Append(source.Url is { Length: > 0 } u ? Link(source.Title, u) : Neutralize(source.Title));
            }

            builder.AddField(name, TextSplitter.Truncate(value.Length == 0 ? "—" : value.ToString(), DiscordLimits.FieldValue));
        }

        if (reply.Citations.Count > 0)
        {
            var lines = reply.Citations.Select(c =>
            {
                var label = c.Url is { Length: > 0 } url ? Link(c.Title, url) : Neutralize(EscapeLinkText(c.Title));
                return TextSplitter.Truncate($"`[{c.Number}]` {label}", DiscordLimits.FieldValue);
            });
            var first = true;
            foreach (var group in GroupLines(lines, DiscordLimits.FieldValue))
            {
                builder.AddField(first ? "Sources" : "Sources (continued)", group);
                first = false;
            }
        }

        if (reply.Note is { Length: > 0 } note)
        {
            builder.SetFooter(TextSplitter.Truncate(Neutralize(note), 200));
        }

        return builder.Messages();
    }

    private static IEnumerable<string> GroupLines(IEnumerable<string> lines, int max)
    {
        var current = new StringBuilder();
        foreach (var line in lines)
        {
            if (current.Length > 0 && current.Length + 1 + line.Length > max)
            {
                yield return current.ToString();
                current.Clear();
            }

            current.Append(current.Length > 0 ? "\n" : string.Empty).Append(line);
        }

        if (current.Length > 0)
        {
            yield return current.ToString();
        }
    }

    private static string Link(string title, string url)
    {
        var text = TextSplitter.Truncate(Neutralize(EscapeLinkText(title)), 200);
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? $"[{text}]({uri.AbsoluteUri.Replace(")", "%29", StringComparison.Ordinal).Replace(" ", "%20", StringComparison.Ordinal)})"
            : text;
    }

    private static string EscapeLinkText(string text) =>
        text.Replace('[', '(').Replace(']', ')');

    private static JsonArray Buttons(IReadOnlyList<ReplyAction> actions)
    {
        var rows = new JsonArray();
        var usable = actions
            .Where(a => a.Id.Length is > 0 and <= DiscordLimits.CustomId)
            .DistinctBy(a => a.Id)
            .Take(DiscordLimits.ActionRows * DiscordLimits.ButtonsPerRow);
        foreach (var chunk in usable.Chunk(DiscordLimits.ButtonsPerRow))
        {
            var buttons = new JsonArray();
            foreach (var action in chunk)
            {
                buttons.Add(new JsonObject
                {
                    ["type"] = 2,
                    ["style"] = action.Id.StartsWith("summarize:", StringComparison.Ordinal) ? 1 : 2,
                    ["label"] = TextSplitter.Truncate(action.Label.Length == 0 ? action.Id : action.Label, DiscordLimits.ButtonLabel),
                    ["custom_id"] = action.Id,
                });
            }

            rows.Add(new JsonObject { ["type"] = 1, ["components"] = buttons });
        }

        return rows;
    }

    private static int ColorOf(ReplyKind kind) => kind switch
    {
        ReplyKind.Answer or ReplyKind.Summary => 0x5865F2,
        ReplyKind.SearchResults or ReplyKind.ArticleList => 0x57F287,
        ReplyKind.Digest => 0xFEE75C,
        _ => 0x99AAB5,
    };

    /// <summary>Packs descriptions and fields into one-embed messages within the per-embed limits.</summary>
    private sealed class EmbedPacker(int color)
    {
        private readonly List<JsonObject> _embeds = [];
        private JsonObject _current = new();
        private int _total;
        private int _fields;
        private bool _hasDescription;

        public void Start(string? title)
        {
            _current = new JsonObject { ["color"] = color };
            _embeds.Add(_current);
            _total = 0;
            _fields = 0;
            _hasDescription = false;
            if (title is not null)
            {
                _current["title"] = title;
                _total += title.Length;
            }
        }

        public void AddDescription(string text)
        {
            if (_hasDescription || _fields > 0 || _total + text.Length > EmbedBudget)
            {
                Start(null);
            }

            _current["description"] = text;
            _total += text.Length;
            _hasDescription = true;
        }

        public void AddField(string name, string value)
        {
            if (_fields >= DiscordLimits.EmbedFields || _total + name.Length + value.Length > EmbedBudget)
            {
                Start(null);
            }

            if (_current["fields"] is not JsonArray fields)
            {
                fields = [];
                _current["fields"] = fields;
            }

            fields.Add(new JsonObject { ["name"] = name, ["value"] = value, ["inline"] = false });
            _fields++;
            _total += name.Length + value.Length;
        }

        public void SetFooter(string text) => _current["footer"] = new JsonObject { ["text"] = text };

        public List<JsonObject> Messages()
        {
            foreach (var embed in _embeds.Where(e => e["title"] is null && e["description"] is null && e["fields"] is null))
            {
                embed["description"] = "…";
            }

            return _embeds
                .Select(embed => new JsonObject { ["embeds"] = new JsonArray(embed), ["allowed_mentions"] = NoMentions() })
                .ToList();
        }
    }
}
