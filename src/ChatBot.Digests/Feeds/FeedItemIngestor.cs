using ChatBot.Core.Model;
using ChatBot.Retrieval.Ingestion;
using ChatBot.Retrieval.Ingestion.Feeds;

namespace ChatBot.Digests.Feeds;

/// <summary>
/// Indexes a feed item into its feed's library, tagged with its feed: the linked page is fetched and extracted (through the SSRF guard),
/// falling back to the item's own content; an item already indexed (by link, guid or canonical URL) is not fetched again.
/// </summary>
public sealed class FeedItemIngestor(IngestionPipeline pipeline) : IFeedItemIngestor
{
    public Task<IngestResult> IngestAsync(Feed feed, FeedItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(feed);
        return pipeline.IngestFeedItemAsync(feed.Library, item, feed.Id, cancellationToken);
    }
}
