using ChatBot.Digests.Feeds;

namespace ChatBot.Digests.Storage;

/// <summary>Feed subscriptions per channel, their poll state, and the item keys each feed has delivered.</summary>
public interface IFeedStore
{
    /// <summary>
    /// Subscribes a channel to a feed of <paramref name="library"/> (due at once); returns the feed and whether it is new.
    /// A channel's subscription to a URL is one feed: when it exists already, it is returned (maybe of another library).
    /// </summary>
    Task<(Feed Feed, bool Created)> AddAsync(string library, string url, string platform, string channelId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Removes a subscription of <paramref name="library"/> by id (any channel of the platform) or by URL (this channel); returns the removed feeds.</summary>
    Task<IReadOnlyList<Feed>> RemoveAsync(string library, string platform, string channelId, string urlOrId, CancellationToken cancellationToken);

    /// <summary>The channel's feeds of <paramref name="library"/>.</summary>
    Task<IReadOnlyList<Feed>> ListAsync(string library, string platform, string channelId, CancellationToken cancellationToken);

    /// <summary>Every feed of <paramref name="library"/>, in any channel (for /stats and the status page).</summary>
    Task<IReadOnlyList<Feed>> ListLibraryAsync(string library, CancellationToken cancellationToken);

    Task<Feed?> GetAsync(long id, CancellationToken cancellationToken);

    Task<IReadOnlyList<Feed>> ListDueAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Every feed of every library and channel (the status page).</summary>
    Task<IReadOnlyList<Feed>> ListAllAsync(CancellationToken cancellationToken);

    /// <summary>Claims a due poll by moving its next poll time; false when another poller took it first.</summary>
    Task<bool> TryClaimPollAsync(long feedId, DateTimeOffset now, DateTimeOffset nextPollAt, CancellationToken cancellationToken);

    /// <summary>A successful poll: stores the validators and title, and clears the failure streak.</summary>
    Task RecordSuccessAsync(long feedId, string? etag, DateTimeOffset? lastModified, string? title, CancellationToken cancellationToken);

    /// <summary>A failed poll: one more in the streak (which starts now if it is the first); returns the updated feed.</summary>
    Task<Feed?> RecordFailureAsync(long feedId, string error, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Marks the failure notice as sent; false when another poller sent it already.</summary>
    Task<bool> TryMarkFailureNotifiedAsync(long feedId, CancellationToken cancellationToken);

    Task UnmarkFailureNotifiedAsync(long feedId, CancellationToken cancellationToken);

    /// <summary>What reading a working feed had to mend or skip (null: nothing); shown in its status while it is not failing.</summary>
    Task RecordWarningAsync(long feedId, string? warning, CancellationToken cancellationToken);

    /// <summary>The keys among <paramref name="keys"/> this feed has already delivered.</summary>
    Task<IReadOnlySet<string>> FindKnownItemsAsync(long feedId, IReadOnlyCollection<string> keys, CancellationToken cancellationToken);

    /// <summary>Records a delivered item; false when it was already recorded (by this or another poller).</summary>
    Task<bool> AddItemAsync(long feedId, string key, long? articleId, DateTimeOffset now, CancellationToken cancellationToken);
}
