namespace ChatBot.Retrieval.Ingestion.Feeds;

/// <summary>Fetches and parses an RSS or Atom feed with a conditional GET (ETag / Last-Modified).</summary>
public interface IFeedClient
{
    /// <exception cref="ChatBot.Core.Retrieval.IngestionException">Refused, unreachable, HTTP error, or not a valid feed.</exception>
    Task<FeedFetchResult> FetchAsync(Uri feedUrl, string? etag, DateTimeOffset? lastModified, CancellationToken cancellationToken);
}

/// <summary>A feed response: <see cref="NotModified"/> for a 304, else the feed's items.</summary>
public sealed record FeedFetchResult(bool NotModified, string? ETag, DateTimeOffset? LastModified, string? Title, IReadOnlyList<FeedItem> Items);

/// <summary>One feed entry. <see cref="Key"/> is its guid/id, else its link: the deduplication key.</summary>
public sealed record FeedItem(string Key, string Title, Uri? Link, DateTimeOffset? PublishedAt, string? Content, string? Author);
