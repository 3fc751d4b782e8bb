using ChatBot.Core.Model;
using ChatBot.Retrieval.Ingestion.Feeds;

namespace ChatBot.Retrieval.Digests;

/// <summary>Indexes one new feed item for the feed poller.</summary>
public interface IFeedItemIngestor
{
    Task<IngestResult> IngestAsync(FeedItem item, long feedId, CancellationToken cancellationToken);
}
