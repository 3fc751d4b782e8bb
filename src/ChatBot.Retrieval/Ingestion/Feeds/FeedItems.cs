using System.Text.RegularExpressions;

namespace ChatBot.Retrieval.Ingestion.Feeds;

/// <summary>
/// Settles what every dialect shares: the key (id, else link, else a hash of title and text), the title (the entry's
/// title → the first sentence of its text → the link's last path segment → "Untitled item from &lt;feed&gt;", never a
/// hash), and whether the entry's own content is clearly the full article. WordPress's closing line ("The post … appeared
/// first on …", which also hides a teaser's "[…]") is not part of the article.
/// </summary>
internal static partial class FeedItems
{
    /// <summary>Words a full-content field needs to count as the whole article rather than a teaser.</summary>
    public const int FullArticleMinWords = 150;

    private const int MaxTitleLength = 160;

    public static FeedItem Finish(FeedEntry entry, string? feedTitle, Uri feedUrl)
    {
        var text = string.IsNullOrWhiteSpace(entry.Text) ? null : PostedFirstOn().Replace(entry.Text, string.Empty).TrimEnd();
        text = string.IsNullOrEmpty(text) ? null : text;
        var title = FirstNonEmpty(entry.Title)
            ?? FirstSentence(text)
            ?? LastSegment(entry.Link)
            ?? $"Untitled item from {FirstNonEmpty(feedTitle) ?? feedUrl.Host}";
        var key = FirstNonEmpty(entry.Id) ?? entry.Link?.AbsoluteUri ?? ContentHash.Of(title + "\n" + text);
        var author = entry.Author is { } a && FeedText.LooksLikeHtml(a) ? FeedText.FromHtml(a) : entry.Author; // arXiv: linked names
        return new FeedItem(key, Shorten(title), entry.Link, entry.PublishedAt, text, FirstNonEmpty(author))
        {
            Html = entry.Html,
            IsFullArticle = entry.FromFullContent && text is not null && IsWholeArticle(text),
        };
    }

    /// <summary>Long enough and not ending like a teaser ("Read more", "Continue reading …", "[…]").</summary>
    public static bool IsWholeArticle(string text) =>
        Words().Count(text) >= FullArticleMinWords && !TeaserEnding().IsMatch(text);

    private static string? FirstNonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : FeedText.OneLine(value);

    private static string? FirstSentence(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var line = FeedText.OneLine(text.Length > 600 ? text[..600] : text);
        var match = SentenceEnd().Match(line);
        return match.Success ? line[..(match.Index + 1)] : line;
    }

    private static string? LastSegment(Uri? link)
    {
        var segment = link?.Segments.LastOrDefault(s => s.Trim('/').Length > 0)?.Trim('/');
        if (string.IsNullOrEmpty(segment))
        {
            return null;
        }

        var name = Uri.UnescapeDataString(segment);
        name = Extension().Replace(name, string.Empty).Replace('-', ' ').Replace('_', ' ').Trim();
        return name.Length == 0 ? null : name;
    }

    private static string Shorten(string title)
    {
        if (title.Length <= MaxTitleLength)
        {
            return title;
        }

        var cut = title.LastIndexOf(' ', MaxTitleLength - 1);
        return title[..(cut > MaxTitleLength / 2 ? cut : MaxTitleLength - 1)].TrimEnd() + "…";
    }

    [GeneratedRegex(@"[.!?](?=\s+\S|$)")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"\.(html?|php|aspx?|jsp|cgi)$", RegexOptions.IgnoreCase)]
    private static partial Regex Extension();

    [GeneratedRegex(@"\S+")]
    private static partial Regex Words();

    [GeneratedRegex(@"(?:^|\n)The post .{1,400}? appeared first on [^\n]{1,200}?\.?\s*$", RegexOptions.Singleline)]
    private static partial Regex PostedFirstOn();

    [GeneratedRegex(@"(read more|continue reading|read the (full|rest)|full (story|article))\W*\S{0,40}\W*$|(\[…\]|\[\.\.\.\]|…|\.\.\.)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex TeaserEnding();
}
