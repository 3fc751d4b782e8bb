using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ChatBot.Retrieval.Text;

/// <summary>
/// Strips what chat adds around a question before it is searched or scored: user, channel and group mentions
/// (<c>&lt;@U…&gt;</c>, <c>&lt;@!…&gt;</c>, <c>&lt;#C…|name&gt;</c>, <c>&lt;!channel&gt;</c>, <c>@everyone</c>, <c>@here</c>),
/// URLs (a Slack link keeps its label), HTML-like tags (<c>&lt;script&gt;</c>), emoji (<c>:smile:</c> and pictographs)
/// and markup (<c>**</c>, <c>__</c>, <c>~~</c>, back-ticks, quote marks at line starts); and spells out chat shorthand
/// ("u", "pls", "wat", "teh", "whats": <see cref="Shorthand"/>), which would otherwise be scored as content words the
/// articles never hold. The one place every platform's question passes through (<see cref="RetrievalService"/>), for extractive and model-written answers alike.
/// </summary>
public static partial class ChatNoise
{
    /// <summary>Lower-case chat spellings and what they stand for; capitalised words ("U", "Ur") are names and stay.</summary>
    private static readonly Dictionary<string, string> Shorthand = new(StringComparer.Ordinal)
    {
        ["u"] = "you",
        ["ur"] = "your",
        ["pls"] = "please",
        ["plz"] = "please",
        ["wat"] = "what",
        ["wut"] = "what",
        ["teh"] = "the",
        ["abt"] = "about",
        ["cuz"] = "because",
        ["coz"] = "because",
        ["whats"] = "what's",
        ["whos"] = "who's",
        ["wheres"] = "where's",
        ["hows"] = "how's",
        ["whens"] = "when's",
    };

    public static string Clean(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var text = SlackLink().Replace(question, m => m.Groups["label"].Success ? m.Groups["label"].Value : " ");
        text = Mention().Replace(text, " ");
        text = Url().Replace(text, " ");
        text = Tag().Replace(text, " ");
        text = Shortcode().Replace(text, " ");
        text = Markup().Replace(text, string.Empty);
        text = RemoveEmoji(text);
        text = Word().Replace(text, m => Shorthand.TryGetValue(m.Value, out var full) ? full : m.Value);
        return Spaces().Replace(text, " ").Trim();
    }

    private static string RemoveEmoji(string text)
    {
        var builder = new StringBuilder(text.Length);
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext())
        {
            var element = enumerator.GetTextElement();
            var category = CharUnicodeInfo.GetUnicodeCategory(element, 0);
            var isEmoji = category is UnicodeCategory.OtherSymbol or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                || (char.IsSurrogatePair(element, 0) && char.ConvertToUtf32(element, 0) >= 0x1F000);
            builder.Append(isEmoji ? " " : element);
        }

        return builder.ToString();
    }

    /// <summary>Slack's &lt;url|label&gt; and &lt;url&gt;.</summary>
    [GeneratedRegex(@"<(?:https?|mailto):[^|>\s]*(?:\|(?<label>[^>]*))?>", RegexOptions.IgnoreCase)]
    private static partial Regex SlackLink();

    [GeneratedRegex(@"<[@#!][^>]*>|(?<![\w])@(?:everyone|here|channel)\b|(?<![\w])@[\w.\-]+", RegexOptions.IgnoreCase)]
    private static partial Regex Mention();

    [GeneratedRegex(@"\b(?:https?://|www\.)\S+", RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    [GeneratedRegex(@"</?[a-zA-Z][^<>]{0,200}>")]
    private static partial Regex Tag();

    [GeneratedRegex(@":[a-z0-9_+\-]{2,40}:", RegexOptions.IgnoreCase)]
    private static partial Regex Shortcode();

    [GeneratedRegex(@"\*\*|__|~~|`+|(?m)^\s*>+|(?<!\w)[*_~]|[*_~](?!\w)")]
    private static partial Regex Markup();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    /// <summary>A lower-case word standing alone: not part of "U.S." or "e-mail", nor of a path or an address.</summary>
    [GeneratedRegex(@"(?<![\w.\-/@'’])[a-z]+(?![\w\-/@'’]|\.\w)")]
    private static partial Regex Word();
}
