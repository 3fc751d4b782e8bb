using ChatBot.Core.Model;
using ChatBot.Retrieval.Ingestion.Feeds;

namespace ChatBot.Digests.Feeds;

/// <summary>Indexes one new feed item for the feed poller, into the feed's library.</summary>
public interface IFeedItemIngestor
{
    Task<IngestResult> IngestAsync(Feed feed, FeedItem item, CancellationToken cancellationToken);
}
