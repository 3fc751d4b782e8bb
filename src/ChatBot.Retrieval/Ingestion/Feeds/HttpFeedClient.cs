using ChatBot.Core.Retrieval;
using ChatBot.Retrieval.Ingestion.Web;
using ChatBot.Retrieval.Logging;
using Microsoft.Extensions.Logging;

namespace ChatBot.Retrieval.Ingestion.Feeds;

/// <summary>Feeds over the guarded HTTP client (SSRF guard, size cap, timeout) with a conditional GET, read by <see cref="FeedParser"/>.</summary>
public sealed class HttpFeedClient(GuardedHttpClient http, ILogger<HttpFeedClient> logger) : IFeedClient
{
    public const string Accept = "application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5";

    public async Task<FeedFetchResult> FetchAsync(Uri feedUrl, string? etag, DateTimeOffset? lastModified, CancellationToken cancellationToken)
    {
        var previous = new HttpValidators(etag, lastModified);
        var response = await http.GetAsync(feedUrl, Accept, previous.IsEmpty ? null : previous, cancellationToken);
        if (response.NotModified)
        {
            RetrievalLog.NotModified(logger, feedUrl.AbsoluteUri);
            return new FeedFetchResult(true, response.Validators.ETag ?? etag, response.Validators.LastModified ?? lastModified, null, []);
        }

        if (response.MediaType is "text/html" or "application/xhtml+xml" && !FeedParser.LooksLikeFeed(response.Body))
        {
            throw new IngestionException($"{feedUrl} is a web page ({response.MediaType}), not a feed.");
        }

        FeedDocument feed;
        try
        {
            feed = FeedParser.Parse(response.Body, response.FinalUrl, response.Charset);
        }
        catch (IngestionException ex)
        {
            throw new IngestionException($"{response.FinalUrl}: {ex.Message}.", ex);
        }

        RetrievalLog.FeedFetched(logger, feedUrl.AbsoluteUri, feed.Items.Count);
        if (feed.Warning is { } warning)
        {
            RetrievalLog.FeedWarning(logger, feedUrl.AbsoluteUri, warning);
        }

        return new FeedFetchResult(false, response.Validators.ETag, response.Validators.LastModified, feed.Title, feed.Items) { Warning = feed.Warning };
    }
}
