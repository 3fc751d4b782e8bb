using ChatBot.Core.Retrieval;
using ChatBot.Retrieval.Storage;
using SmartReader;

namespace ChatBot.Retrieval.Ingestion;

/// <summary>Extracts the article of an HTML page with SmartReader (Mozilla Readability): title, author, date, canonical URL, clean text.</summary>
public static class HtmlArticleExtractor
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
        var article = new Reader(url, html).GetArticle();
        var text = article.IsReadable ? article.TextContent : string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new IngestionException($"No readable article text in {url}.");
        }

        var title = string.IsNullOrWhiteSpace(article.Title) ? fallbackTitle : article.Title.Trim();
        var canonical = Uri.TryCreate(article.Uri?.ToString(), UriKind.Absolute, out var u) && u.Scheme is "http" or "https" ? u.AbsoluteUri : null;
        return new ArticleDraft(
            source,
            title,
            TextCleaner.Clean(text),
            Url: canonical ?? (url.StartsWith("http", StringComparison.OrdinalIgnoreCase) ? url : null),
            Author: string.IsNullOrWhiteSpace(article.Author) ? null : article.Author.Trim(),
            PublishedAt: article.PublicationDate is DateTime d ? new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)) : null);
    }
}
