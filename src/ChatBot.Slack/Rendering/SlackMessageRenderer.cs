using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ChatBot.Core.Chat;

namespace ChatBot.Slack.Rendering;

/// <summary>
/// Renders a <see cref="ChatReply"/> as Block Kit (protocols.md B7): a header, the answer in sections of at
/// most 3000 characters, listed items, a context block of numbered source links, a note, and buttons from
/// <see cref="ChatReply.Actions"/>. Long replies become several messages, each within 50 blocks and a total
/// text budget. Every message also carries a plain <c>text</c> fallback. All reply text is escaped.
/// </summary>
public static class SlackMessageRenderer
{
    public const int MaxSectionText = 3000;
    public const int MaxBlocksPerMessage = 50;
    public const int MaxHeaderText = 150;
    public const int MaxContextElements = 10;
    public const int MaxButtons = 25;
    public const int MaxButtonText = 75;

    /// <summary>Block text per message kept under Slack's aggregate check (observed near 13k).</summary>
    public const int MaxTextPerMessage = 12_000;
    public const int MaxFallbackText = 3000;

    /// <summary>The "sources" action is shown as the context block on Slack, not as a button.</summary>
    public const string SourcesActionId = "sources";

    /// <summary>The message bodies (text + blocks), in posting order; the caller adds channel/thread or response fields.</summary>
    public static IReadOnlyList<JsonObject> Render(ChatReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var blocks = new List<(JsonObject Block, int Size)>();
        if (!string.IsNullOrWhiteSpace(reply.Title))
        {
            var title = reply.Title.Replace("**", string.Empty, StringComparison.Ordinal);
            title = title.Length > MaxHeaderText ? title[..(MaxHeaderText - 1)] + "…" : title;
            blocks.Add((new JsonObject { ["type"] = "header", ["text"] = PlainText(title) }, title.Length));
        }

        foreach (var piece in SlackText.Split(SlackText.ToMrkdwn(reply.Text), MaxSectionText))
        {
            if (piece.Length > 0)
            {
                blocks.Add((Section(piece), piece.Length));
            }
        }

        foreach (var item in reply.Items)
        {
            var text = new StringBuilder("*").Append(SlackText.Link(item.Url, item.Title)).Append('*');
            if (item.Text.Length > 0)
            {
                text.Append('\n').Append(SlackText.ToMrkdwn(item.Text));
            }

            foreach (var source in item.Sources ?? [])
            {
                text.Append("\nalso: ").Append(SlackText.Link(source.Url, source.Title));
            }

            foreach (var piece in SlackText.Split(text.ToString(), MaxSectionText))
            {
                blocks.Add((Section(piece), piece.Length));
            }
        }

        var sources = reply.Citations
            .Select(c => $"[{c.Number.ToString(CultureInfo.InvariantCulture)}] {SlackText.Link(c.Url, c.Title)}")
            .ToList();
        for (var i = 0; i < sources.Count; i += MaxContextElements)
        {
            var elements = new JsonArray();
            foreach (var source in sources.Skip(i).Take(MaxContextElements))
            {
                elements.Add(Mrkdwn(source));
            }

            blocks.Add((new JsonObject { ["type"] = "context", ["elements"] = elements }, sources.Skip(i).Take(MaxContextElements).Sum(s => s.Length)));
        }

        if (!string.IsNullOrWhiteSpace(reply.Note))
        {
            var note = SlackText.ToMrkdwn(reply.Note);
            note = note.Length > MaxSectionText ? note[..MaxSectionText] : note;
            blocks.Add((new JsonObject { ["type"] = "context", ["elements"] = new JsonArray(Mrkdwn(note)) }, note.Length));
        }

        var actions = Actions(reply.Actions);
        if (actions is not null)
        {
            blocks.Add((actions, 0));
        }

        if (blocks.Count == 0)
        {
            blocks.Add((Section("…"), 1));
        }

        return Pack(blocks, reply);
    }

    /// <summary>
    /// An answer while it is being written: the text so far (escaped, with a trailing "…") in one section, no sources
    /// and no buttons; the caller adds channel/thread or ts.
    /// </summary>
    public static JsonObject Partial(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var mrkdwn = SlackText.ToMrkdwn(text.Trim());
        mrkdwn = mrkdwn.Length > MaxSectionText - 2 ? SlackText.Split(mrkdwn, MaxSectionText - 2)[0] : mrkdwn;
        var fallback = SlackText.Escape(text.Trim().Replace("**", string.Empty, StringComparison.Ordinal));
        fallback = fallback.Length > MaxFallbackText - 2 ? SlackText.Split(fallback, MaxFallbackText - 2)[0] : fallback;
        return new JsonObject
        {
            ["text"] = fallback + " …",
            ["blocks"] = new JsonArray(Section(mrkdwn + " …")),
        };
    }

    /// <summary>The buttons block for reply actions (at most 25; labels cut to 75), or null when there are none.</summary>
    public static JsonObject? Actions(IReadOnlyList<ReplyAction> actions)
    {
        var elements = new JsonArray();
        foreach (var action in actions.Where(a => a.Id != SourcesActionId).DistinctBy(a => a.Id).Take(MaxButtons))
        {
            var label = action.Label.Length > MaxButtonText ? action.Label[..MaxButtonText] : action.Label;
            elements.Add(new JsonObject
            {
                ["type"] = "button",
                ["action_id"] = action.Id.Length > 255 ? action.Id[..255] : action.Id,
                ["value"] = action.Id.Length > 2000 ? action.Id[..2000] : action.Id,
                ["text"] = PlainText(label),
            });
        }

        return elements.Count == 0 ? null : new JsonObject { ["type"] = "actions", ["block_id"] = "reply_actions", ["elements"] = elements };
    }

    public static JsonObject Section(string mrkdwn) =>
        new() { ["type"] = "section", ["text"] = Mrkdwn(mrkdwn) };

    public static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };

    private static JsonObject PlainText(string text) => new() { ["type"] = "plain_text", ["text"] = SlackText.PlainSafe(text), ["emoji"] = true };

    private static List<JsonObject> Pack(List<(JsonObject Block, int Size)> blocks, ChatReply reply)
    {
        var messages = new List<JsonArray>();
        var current = new JsonArray();
        var size = 0;
        foreach (var (block, blockSize) in blocks)
        {
            if (current.Count > 0 && (current.Count == MaxBlocksPerMessage || size + blockSize > MaxTextPerMessage))
            {
                messages.Add(current);
                current = [];
                size = 0;
            }

            current.Add(block);
            size += blockSize;
        }

        if (current.Count > 0)
        {
            messages.Add(current);
        }

        var fallback = SlackText.Escape(reply.Text.Replace("**", string.Empty, StringComparison.Ordinal));
        fallback = fallback.Length > MaxFallbackText ? SlackText.Split(fallback, MaxFallbackText - 1)[0] + "…" : fallback;
        if (fallback.Length == 0)
        {
            fallback = SlackText.Escape(reply.Title ?? "…");
        }

        return messages.Select((b, i) => new JsonObject
        {
            ["text"] = i == 0 ? fallback : $"(continued {(i + 1).ToString(CultureInfo.InvariantCulture)}/{messages.Count.ToString(CultureInfo.InvariantCulture)})",
            ["blocks"] = b,
        }).ToList();
    }
}
