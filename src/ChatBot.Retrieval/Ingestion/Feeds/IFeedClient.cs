namespace ChatBot.Retrieval.Ingestion.Feeds;

/// <summary>Fetches and reads a feed (any dialect <see cref="FeedParser"/> reads) with a conditional GET (ETag / Last-Modified).</summary>
public interface IFeedClient
{
    /// <exception cref="ChatBot.Core.Retrieval.IngestionException">Refused, unreachable, HTTP error, or not a feed.</exception>
    Task<FeedFetchResult> FetchAsync(Uri feedUrl, string? etag, DateTimeOffset? lastModified, CancellationToken cancellationToken);
}

/// <summary>A feed response: <see cref="NotModified"/> for a 304, else the feed's items.</summary>
public sealed record FeedFetchResult(bool NotModified, string? ETag, DateTimeOffset? LastModified, string? Title, IReadOnlyList<FeedItem> Items)
{
    /// <summary>What had to be mended or skipped to read the feed (a wrong encoding label, damage after the last item kept), else null.</summary>
    public string? Warning { get; init; }
}

/// <summary>
/// One feed entry. <see cref="Key"/> is its guid/id, else its link: the deduplication key. <see cref="Content"/> is plain
/// text (HTML already cleaned); <see cref="Html"/> is the entry's HTML when it had some.
/// </summary>
public sealed record FeedItem(string Key, string Title, Uri? Link, DateTimeOffset? PublishedAt, string? Content, string? Author)
{
    public string? Html { get; init; }

    /// <summary>The entry carries the whole article (e.g. a long <c>content:encoded</c> that is not a teaser): no page fetch needed.</summary>
    public bool IsFullArticle { get; init; }
}
