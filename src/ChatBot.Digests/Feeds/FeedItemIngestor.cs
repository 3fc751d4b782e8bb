using ChatBot.Core.Model;
using ChatBot.Retrieval.Ingestion;
using ChatBot.Retrieval.Ingestion.Feeds;

namespace ChatBot.Digests.Feeds;

/// <summary>
/// Indexes a feed item, tagged with its feed: the linked page is fetched and extracted (through the SSRF guard),
/// falling back to the item's own content; an item already indexed (by link, guid or canonical URL) is not fetched again.
/// </summary>
public sealed class FeedItemIngestor(IngestionPipeline pipeline) : IFeedItemIngestor
{
    public Task<IngestResult> IngestAsync(FeedItem item, long feedId, CancellationToken cancellationToken) =>
        pipeline.IngestFeedItemAsync(item, feedId, cancellationToken);
}
