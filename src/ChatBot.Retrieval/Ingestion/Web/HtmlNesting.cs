namespace ChatBot.Retrieval.Ingestion.Web;

/// <summary>
/// A cheap upper bound on how deeply an HTML document nests its container elements, measured before parsing: the
/// article extractor walks the tree recursively, and a hostile page nested 100 000 levels deep overflows the stack,
/// which no catch can stop. Void elements and auto-closed ones (p, li, option…) are not counted.
/// </summary>
public static class HtmlNesting
{
    /// <summary>Deeper than this is not an article anyone wrote by hand.</summary>
    public const int MaxDepth = 1000;

    private static readonly HashSet<string> Counted = new(StringComparer.OrdinalIgnoreCase)
    {
        "div", "section", "article", "main", "aside", "nav", "header", "footer", "span", "a", "b", "i", "u", "em", "strong",
        "small", "font", "table", "tbody", "thead", "tr", "td", "th", "ul", "ol", "dl", "blockquote", "figure", "form", "center", "s", "sub", "sup", "code", "pre", "q", "label", "details", "summary",
    };

    /// <summary>The deepest nesting of counted elements seen (stops counting past <paramref name="limit"/>).</summary>
    public static int Depth(string html, int limit = MaxDepth)
    {
        ArgumentNullException.ThrowIfNull(html);
        var depth = 0;
        var max = 0;
        for (var i = html.IndexOf('<', StringComparison.Ordinal); i >= 0 && i < html.Length - 1; i = html.IndexOf('<', i + 1))
        {
            var closing = html[i + 1] == '/';
            var start = closing ? i + 2 : i + 1;
            var end = start;
            while (end < html.Length && char.IsAsciiLetterOrDigit(html[end]))
            {
                end++;
            }

            if (end == start || !Counted.Contains(html[start..end]))
            {
                continue;
            }

            var close = html.IndexOf('>', end);
            if (close > 0 && html[close - 1] == '/')
            {
                continue;
            }

            depth = closing ? Math.Max(0, depth - 1) : depth + 1;
            max = Math.Max(max, depth);
            if (max > limit)
            {
                return max;
            }
        }

        return max;
    }
}
