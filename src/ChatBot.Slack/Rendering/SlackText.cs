using System.Text.RegularExpressions;

namespace ChatBot.Slack.Rendering;

/// <summary>
/// Slack mrkdwn text in and out (protocols.md B6). Out: untrusted text is escaped (&amp;, &lt;, &gt;) so no
/// &lt;!channel&gt;, &lt;!here&gt;, &lt;!everyone&gt; or user mention can survive. In: Slack's encoding and tokens are
/// turned back into plain text for the bot.
/// </summary>
public static partial class SlackText
{
    /// <summary>Escapes text for a mrkdwn field: &amp; first, then &lt; and &gt;. Nothing else is encoded.</summary>
    public static string Escape(string? text) =>
        (text ?? string.Empty)
            .Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>For plain_text fields (headers, button labels): angle brackets replaced by look-alikes so no token can form.</summary>
    public static string PlainSafe(string? text) =>
        (text ?? string.Empty).Replace('<', '‹').Replace('>', '›');

    /// <summary>Escapes plain text and turns the reply's **bold** into mrkdwn *bold*.</summary>
    public static string ToMrkdwn(string? text) => BoldPattern().Replace(Escape(text), "*$1*");

    /// <summary>A link token built only from a validated http(s) URL; otherwise the escaped label alone.</summary>
    public static string Link(string? url, string label)
    {
        var safeLabel = Escape(label).Replace("|", "¦", StringComparison.Ordinal);
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return safeLabel;
        }

        var safeUrl = uri.AbsoluteUri.Replace("|", "%7C", StringComparison.Ordinal)
            .Replace("<", "%3C", StringComparison.Ordinal).Replace(">", "%3E", StringComparison.Ordinal);
        return $"<{safeUrl}|{safeLabel}>";
    }

    /// <summary>
    /// Text received from Slack made plain for the bot: the bot's own mention removed, other tokens
    /// (&lt;@U1&gt;, &lt;!here&gt;, &lt;#C1|general&gt;, &lt;https://x|label&gt;) turned into readable words, entities decoded.
    /// </summary>
    public static string FromSlack(string? text, string? botUserId)
    {
        var result = TokenPattern().Replace(text ?? string.Empty, match =>
        {
            var body = match.Groups[1].Value;
            var bar = body.IndexOf('|', StringComparison.Ordinal);
            var target = bar < 0 ? body : body[..bar];
            var label = bar < 0 ? null : body[(bar + 1)..];
            return target[0] switch
            {
                '@' when botUserId is not null && target[1..] == botUserId => string.Empty,
                '@' => "@" + (label ?? target[1..]),
                '#' => "#" + (label ?? target[1..]),
                '!' => "@" + (label ?? target[1..].Split('^')[0]),
                _ => target,
            };
        });
        result = result.Replace("&lt;", "<", StringComparison.Ordinal)
            .Replace("&gt;", ">", StringComparison.Ordinal)
            .Replace("&amp;", "&", StringComparison.Ordinal);
        return WhitespacePattern().Replace(result, " ").Trim();
    }

    /// <summary>Splits text into pieces of at most <paramref name="max"/> characters, at a paragraph, line or word break when it can.</summary>
    public static IReadOnlyList<string> Split(string text, int max)
    {
        var pieces = new List<string>();
        var rest = text;
        while (rest.Length > max)
        {
            var cut = LastBreak(rest, max);
            pieces.Add(rest[..cut].TrimEnd());
            rest = rest[cut..].TrimStart();
        }

        if (rest.Length > 0 || pieces.Count == 0)
        {
            pieces.Add(rest);
        }

        return pieces;
    }

    private static int LastBreak(string text, int max)
    {
        foreach (var separator in new[] { "\n\n", "\n", " " })
        {
            var at = text.LastIndexOf(separator, max - 1, StringComparison.Ordinal);
            if (at > max / 2)
            {
                return at + separator.Length;
            }
        }

        // Never cut inside an escape entity such as &amp;.
        var amp = text.LastIndexOf('&', max - 1);
        return amp > max - 6 && amp > 0 ? amp : max;
    }

    [GeneratedRegex(@"\*\*(.+?)\*\*", RegexOptions.Singleline)]
    private static partial Regex BoldPattern();

    [GeneratedRegex(@"<([@#!][^>]+|https?://[^>]+|mailto:[^>]+)>")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"[ \t]+")]
    private static partial Regex WhitespacePattern();
}
