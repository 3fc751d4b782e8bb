using ChatBot.Core.Retrieval;
using ChatBot.Retrieval.Ingestion.Web;
using ChatBot.Retrieval.Logging;
using Microsoft.Extensions.Logging;

namespace ChatBot.Retrieval.Ingestion.Feeds;

/// <summary>RSS/Atom over the guarded HTTP client (SSRF guard, size cap, timeout) with a conditional GET.</summary>
public sealed class SyndicationFeedClient(GuardedHttpClient http, ILogger<SyndicationFeedClient> logger) : IFeedClient
{
    public const string Accept = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5";

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
            throw new IngestionException($"{feedUrl} is a web page ({response.MediaType}), not an RSS or Atom feed.");
        }

        var (title, items) = FeedParser.Parse(response.Body, response.FinalUrl);
        RetrievalLog.FeedFetched(logger, feedUrl.AbsoluteUri, items.Count);
        return new FeedFetchResult(false, response.Validators.ETag, response.Validators.LastModified, title, items);
    }
}
