using ChatBot.Core.Retrieval;
using ChatBot.Retrieval.Ingestion.Feeds;
using ChatBot.Retrieval.Ingestion.Files;
using ChatBot.Retrieval.Logging;
using ChatBot.Retrieval.Storage;
using ChatBot.Retrieval.Storage.Articles;
using Microsoft.Extensions.Logging;

namespace ChatBot.Retrieval.Ingestion.Web;

/// <summary>
/// Fetches a URL with the <see cref="GuardedHttpClient"/> and reads it: HTML/XHTML through SmartReader (title,
/// author, date, canonical URL, clean text), text/plain as is, a feed (RSS, RDF, Atom, JSON Feed) as a feed. Anything else is refused.
/// The article's source is its canonical URL when that is on the same host, else the final URL.
/// </summary>
public sealed class WebArticleFetcher(GuardedHttpClient http, ILogger<WebArticleFetcher> logger) : IWebArticleFetcher
{
    public const string Accept = "text/html, application/xhtml+xml, text/plain;q=0.8, application/rss+xml;q=0.7, application/atom+xml;q=0.7, application/feed+json;q=0.7, application/xml;q=0.5";

    public async Task<ArticleDraft> FetchAsync(Uri url, CancellationToken cancellationToken)
    {
        var result = await FetchAsync(url, null, cancellationToken);
        return result.Article ?? throw new IngestionException($"{url} is a feed, not an article; ingest it as a feed.");
    }

    public async Task<WebFetchResult> FetchAsync(Uri url, HttpValidators? previous, CancellationToken cancellationToken)
    {
        var response = await http.GetAsync(url, Accept, previous, cancellationToken);
        if (response.NotModified)
        {
            RetrievalLog.NotModified(logger, url.AbsoluteUri);
            return new WebFetchResult(response.FinalUrl, null, null, true, response.Validators);
        }

        RetrievalLog.Fetched(logger, response.FinalUrl.AbsoluteUri, (int)response.Status, response.Body.Length, response.MediaType ?? "(none)");
        var finalUrl = response.FinalUrl;
        if (FeedParser.IsFeedMediaType(response.MediaType) || (IsXmlOrMarkup(response.MediaType) && FeedParser.LooksLikeFeed(response.Body)))
        {
            FeedDocument document;
            try
            {
                document = FeedParser.Parse(response.Body, finalUrl, response.Charset);
            }
            catch (IngestionException ex)
            {
                throw new IngestionException($"{finalUrl}: {ex.Message}.", ex);
            }

            var feed = new FeedFetchResult(false, response.Validators.ETag, response.Validators.LastModified, document.Title, document.Items) { Warning = document.Warning };
            return new WebFetchResult(finalUrl, null, feed, false, response.Validators);
        }

        var fallbackTitle = FallbackTitle(finalUrl);
        ArticleDraft draft;
        switch (response.MediaType)
        {
            case "text/html" or "application/xhtml+xml":
                var html = TextDecoding.Decode(response.Body, response.Charset, html: true);
                draft = HtmlArticleExtractor.Extract(html, finalUrl.AbsoluteUri, finalUrl.AbsoluteUri, fallbackTitle);
                var canonical = draft.Url is not null && Uri.TryCreate(draft.Url, UriKind.Absolute, out var c)
                    && string.Equals(c.IdnHost, finalUrl.IdnHost, StringComparison.OrdinalIgnoreCase) ? c : finalUrl;
                draft = draft with { Source = canonical.AbsoluteUri, Url = canonical.AbsoluteUri };
                break;
            case "text/plain":
                draft = FileArticleReader.ReadPlain(TextDecoding.Decode(response.Body, response.Charset, html: false), finalUrl.AbsoluteUri, fallbackTitle) with { Url = finalUrl.AbsoluteUri };
                if (string.IsNullOrWhiteSpace(draft.Text))
                {
                    throw new IngestionException($"{finalUrl} holds no text.");
                }

                break;
            default:
                throw new IngestionException($"{finalUrl} is {response.MediaType ?? "of no declared type"}, not an HTML page, plain text or a feed (RSS, RDF, Atom or JSON Feed).");
        }

        return new WebFetchResult(finalUrl, draft, null, false, response.Validators);
    }

    private static bool IsXmlOrMarkup(string? mediaType) => FeedParser.IsXmlMediaType(mediaType) || mediaType is "text/html" or "text/plain" or null;

    private static string FallbackTitle(Uri url)
    {
        var last = url.Segments.LastOrDefault(s => s.Trim('/').Length > 0)?.Trim('/');
        return string.IsNullOrEmpty(last) ? url.Host : Uri.UnescapeDataString(last);
    }
}
