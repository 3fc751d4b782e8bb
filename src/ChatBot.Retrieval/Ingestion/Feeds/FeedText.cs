using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace ChatBot.Retrieval.Ingestion.Feeds;

/// <summary>
/// Text of feed fields. HTML is parsed with AngleSharp (the HTML5 parser SmartReader reads pages with): scripts,
/// styles, forms and embeds are dropped, block elements become line breaks, and the result goes through the same
/// <see cref="TextCleaner"/> as page text. Plain text stays text: "the &lt;blink&gt; tag" is not stripped.
/// </summary>
public static partial class FeedText
{
    private const string Dropped = "script,style,noscript,template,iframe,object,embed,svg,form,button,select,textarea,head";

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "blockquote",
        "pre", "section", "article", "aside", "header", "footer", "figure", "figcaption", "hr", "main", "nav", "address", "details",
    };

    /// <summary>The plain text of an HTML fragment.</summary>
    public static string FromHtml(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        if (html.IndexOf('<', StringComparison.Ordinal) < 0 && html.IndexOf('&', StringComparison.Ordinal) < 0)
        {
            return TextCleaner.Clean(html);
        }

        var document = new HtmlParser().ParseDocument("<!DOCTYPE html><body>" + html);
        foreach (var element in document.QuerySelectorAll(Dropped).ToList())
        {
            element.Remove();
        }

        var builder = new StringBuilder(html.Length);
        Append(document.Body ?? (INode)document.DocumentElement, builder, preformatted: false);
        return TextCleaner.Clean(builder.ToString());
    }

    /// <summary>Plain text as it is, with its lines tidied.</summary>
    public static string FromText(string text) => TextCleaner.Clean(text ?? string.Empty);

    /// <summary>One line: the text with every run of white space (line breaks too) made one space.</summary>
    public static string OneLine(string text) => WhiteSpace().Replace(text, " ").Trim();

    /// <summary>
    /// True when an RSS field (whose type is not declared) holds HTML: a tag of a common HTML element or an HTML entity.
    /// "History of the &lt;blink&gt; tag" is not HTML; "&lt;p&gt;Waves&lt;/p&gt;" is.
    /// </summary>
    public static bool LooksLikeHtml(string text) => !string.IsNullOrEmpty(text) && HtmlMarker().IsMatch(text);

    private static void Append(INode node, StringBuilder builder, bool preformatted)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText text:
                    builder.Append(preformatted ? text.Data : WhiteSpace().Replace(text.Data, " "));
                    break;
                case IElement element:
                    var block = Blocks.Contains(element.LocalName);
                    if (block)
                    {
                        builder.Append('\n');
                    }

                    Append(element, builder, preformatted || element.LocalName == "pre");
                    if (block)
                    {
                        builder.Append(element.LocalName is "p" or "div" or "blockquote" or "pre" or "table" or "ul" or "ol" ? "\n\n" : "\n");
                    }

                    break;
            }
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    [GeneratedRegex(@"</?(a|abbr|b|blockquote|br|code|div|em|figure|h[1-6]|hr|i|img|li|ol|p|pre|s|small|span|strong|sub|sup|table|td|th|tr|u|ul)\b[^<>]*>|&(#[0-9]{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlMarker();
}
