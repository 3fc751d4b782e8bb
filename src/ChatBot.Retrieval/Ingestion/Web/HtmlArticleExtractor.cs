using System.Text.RegularExpressions;
using ChatBot.Core.Retrieval;
using ChatBot.Retrieval.Storage;
using ChatBot.Retrieval.Storage.Articles;
using SmartReader;

namespace ChatBot.Retrieval.Ingestion.Web;

/// <summary>Extracts the article of an HTML page with SmartReader (Mozilla Readability): title, author, date, canonical URL, clean text.</summary>
public static partial class HtmlArticleExtractor
{
    /// <param name="url">The page's address (resolves relative links; never fetched here).</param>
    public static ArticleDraft Extract(string html, string url, string source, string fallbackTitle)
    {
        ArgumentNullException.ThrowIfNull(html);
        if (HtmlNesting.Depth(html) > HtmlNesting.MaxDepth)
        {
            throw new IngestionException($"{url} nests its HTML elements more than {HtmlNesting.MaxDepth} levels deep; not read.");
        }

        // new Reader(url, html) parses the given HTML; ParseArticle(url, html) would download the URL itself.
        var reader = new Reader(url, html);
        reader.AddCustomOperationStart(PageFurniture.Remove);
        var article = reader.GetArticle();
        // A short page may fall under Readability's length threshold yet still hold its text: keep what was found.
        var text = article.TextContent ?? string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new IngestionException($"No readable article text in {url}.");
        }

        var title = string.IsNullOrWhiteSpace(article.Title) ? fallbackTitle : article.Title.Trim();
        var canonical = CanonicalUrl(html, url);
        return new ArticleDraft(
            source,
            title,
            TextCleaner.Clean(text),
            Url: canonical ?? (url.StartsWith("http", StringComparison.OrdinalIgnoreCase) ? url : null),
            Author: string.IsNullOrWhiteSpace(article.Author) ? null : article.Author.Trim(),
            PublishedAt: article.PublicationDate is DateTime d ? new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)) : null);
    }

    /// <summary>The page's &lt;link rel="canonical"&gt; (resolved against <paramref name="url"/>), when it is an http(s) URL.</summary>
    public static string? CanonicalUrl(string html, string url)
    {
        ArgumentNullException.ThrowIfNull(html);
        foreach (Match tag in LinkTag().Matches(html))
        {
            var rel = Attribute().Matches(tag.Value).FirstOrDefault(a => a.Groups[1].Value.Equals("rel", StringComparison.OrdinalIgnoreCase));
            var href = Attribute().Matches(tag.Value).FirstOrDefault(a => a.Groups[1].Value.Equals("href", StringComparison.OrdinalIgnoreCase));
            if (rel is null || href is null || !rel.Groups[2].Value.Split(' ').Contains("canonical", StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            var value = System.Net.WebUtility.HtmlDecode(href.Groups[2].Value.Trim());
            if (Uri.TryCreate(url, UriKind.Absolute, out var baseUri) && Uri.TryCreate(baseUri, value, out var resolved) && resolved.Scheme is "http" or "https")
            {
                return resolved.AbsoluteUri;
            }
        }

        return null;
    }

    [GeneratedRegex("<link\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex LinkTag();

    [GeneratedRegex("""([a-zA-Z-]+)\s*=\s*["']([^"']*)["']""")]
    private static partial Regex Attribute();
}
