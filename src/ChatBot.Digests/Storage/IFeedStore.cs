using ChatBot.Digests.Feeds;

namespace ChatBot.Digests.Storage;

/// <summary>Feed subscriptions per channel, their poll state, and the item keys each feed has delivered.</summary>
public interface IFeedStore
{
    /// <summary>Subscribes a channel to a feed (due at once); returns the feed and whether it is new.</summary>
    Task<(Feed Feed, bool Created)> AddAsync(string url, string platform, string channelId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Removes a subscription by id (any channel of the platform) or by URL (this channel); returns the removed feeds.</summary>
    Task<IReadOnlyList<Feed>> RemoveAsync(string platform, string channelId, string urlOrId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Feed>> ListAsync(string platform, string channelId, CancellationToken cancellationToken);

    Task<Feed?> GetAsync(long id, CancellationToken cancellationToken);

    Task<IReadOnlyList<Feed>> ListDueAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Claims a due poll by moving its next poll time; false when another poller took it first.</summary>
    Task<bool> TryClaimPollAsync(long feedId, DateTimeOffset now, DateTimeOffset nextPollAt, CancellationToken cancellationToken);

    /// <summary>A successful poll: stores the validators and title, and clears the failure streak.</summary>
    Task RecordSuccessAsync(long feedId, string? etag, DateTimeOffset? lastModified, string? title, CancellationToken cancellationToken);

    /// <summary>A failed poll: one more in the streak (which starts now if it is the first); returns the updated feed.</summary>
    Task<Feed?> RecordFailureAsync(long feedId, string error, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Marks the failure notice as sent; false when another poller sent it already.</summary>
    Task<bool> TryMarkFailureNotifiedAsync(long feedId, CancellationToken cancellationToken);

    Task UnmarkFailureNotifiedAsync(long feedId, CancellationToken cancellationToken);

    /// <summary>The keys among <paramref name="keys"/> this feed has already delivered.</summary>
    Task<IReadOnlySet<string>> FindKnownItemsAsync(long feedId, IReadOnlyCollection<string> keys, CancellationToken cancellationToken);

    /// <summary>Records a delivered item; false when it was already recorded (by this or another poller).</summary>
    Task<bool> AddItemAsync(long feedId, string key, long? articleId, DateTimeOffset now, CancellationToken cancellationToken);
}
