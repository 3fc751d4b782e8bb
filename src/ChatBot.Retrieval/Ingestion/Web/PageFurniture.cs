using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace ChatBot.Retrieval.Ingestion.Web;

/// <summary>
/// What a news page shows beside its article and SmartReader keeps as text: photo captions ("The panels cover … Photo:
/// Coastal Courier" in a <c>figcaption</c> or a <c>…caption…</c> class) and advertisement blocks (a class or id such as
/// <c>ad</c>, <c>ad-inline</c>, <c>advert…</c>, <c>sponsor…</c>, or an element that says only "Advertisement" /
/// "Sponsored content", or starts with an upper-case "ADVERTISEMENT"). Removed before extraction, so a caption is
/// never an answer or the summary's first sentence (qa findings).
/// </summary>
public static partial class PageFurniture
{
    public static void Remove(IElement root)
    {
        ArgumentNullException.ThrowIfNull(root);
        foreach (var element in root.QuerySelectorAll("*").Where(IsFurniture).ToList())
        {
            element.Remove();
        }
    }

    private static bool IsFurniture(IElement element) =>
        element.LocalName == "figcaption"
        || element.ClassList.Any(c => c.Contains("caption", StringComparison.OrdinalIgnoreCase) || AdName().IsMatch(c))
        || (element.Id is { Length: > 0 } id && AdName().IsMatch(id))
        || (element.LocalName is not ("html" or "body" or "main" or "article") && IsAdLabel(element.TextContent));

    private static bool IsAdLabel(string text) =>
        text.Length <= 200 && (AdLabel().IsMatch(text) || text.TrimStart().StartsWith("ADVERTISEMENT", StringComparison.Ordinal));

    [GeneratedRegex(@"^(ads?|advert\w*|advertising|sponsor\w*|ad[-_]\S*|\S*[-_](ads?|advert\w*))$", RegexOptions.IgnoreCase)]
    private static partial Regex AdName();

    [GeneratedRegex(@"^\s*(advertisement|advertising|sponsored(\s+content)?)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex AdLabel();
}
