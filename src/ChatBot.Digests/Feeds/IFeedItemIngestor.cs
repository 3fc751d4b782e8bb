using ChatBot.Core.Model;
using ChatBot.Retrieval.Ingestion.Feeds;

namespace ChatBot.Digests.Feeds;

/// <summary>Indexes one new feed item for the feed poller.</summary>
public interface IFeedItemIngestor
{
    Task<IngestResult> IngestAsync(FeedItem item, long feedId, CancellationToken cancellationToken);
}
