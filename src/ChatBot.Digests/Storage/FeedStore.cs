using System.Data.Common;
using System.Globalization;
using ChatBot.Digests.Feeds;
using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.Digests.Storage;

/// <summary>
/// Feed subscriptions per channel, their poll state, and the item keys each feed has delivered (on PostgreSQL shared by
/// every replica). A poll is claimed by one conditional UPDATE of <c>next_poll_at</c>, and an item is recorded with
/// <c>INSERT … ON CONFLICT DO NOTHING</c>, so of two pollers only one fetches a due feed and only one records an item.
/// Every feed belongs to a library: chat lists and removes only the feeds of the caller's library.
/// </summary>
public sealed class FeedStore(SqlDatabase database) : IFeedStore
{
    private const string Columns = "id, url, platform, channel_id, title, etag, last_modified, failure_count, failing_since, last_error, failure_notified, next_poll_at, last_polled_at, created_at, library";

    private const string Add = """
        INSERT INTO feeds (library, url, platform, channel_id, next_poll_at, created_at) VALUES (@library, @url, @platform, @channel, @now, @now)
        ON CONFLICT (url, platform, channel_id) DO NOTHING
        """;

    private const string Success = """
        UPDATE feeds SET etag = COALESCE(@etag, etag), last_modified = COALESCE(@lm, last_modified), title = COALESCE(@title, title),
            last_error = CASE WHEN failure_count > 0 THEN NULL ELSE last_error END, -- a warning outlives a 304
            failure_count = 0, failing_since = NULL, failure_notified = @off
        WHERE id = @id
        """;

    private const string Failure = $"""
        UPDATE feeds SET failure_count = failure_count + 1, failing_since = COALESCE(failing_since, @now), last_error = @error
        WHERE id = @id RETURNING {Columns}
        """;

    private const string AddItem = "INSERT INTO feed_items (feed_id, item_key, article_id, seen_at) VALUES (@feed, @key, @article, @now) ON CONFLICT DO NOTHING";

    /// <summary>
    /// Subscribes a channel to a feed of <paramref name="library"/> (due at once); returns the feed and whether it is new.
    /// A channel's subscription to a URL is one feed: when it exists already, it is returned (maybe of another library).
    /// </summary>
    public Task<(Feed Feed, bool Created)> AddAsync(string library, string url, string platform, string channelId, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.WithConnectionAsync(
            async (connection, ct) =>
            {
                var created = await connection.ExecuteAsync(Add, [("library", library), ("url", url), ("platform", platform), ("channel", channelId), ("now", database.Time(now))], null, ct) > 0;
                var feeds = await connection.QueryAsync(
                    $"SELECT {Columns} FROM feeds WHERE url = @url AND platform = @platform AND channel_id = @channel",
                    [("url", url), ("platform", platform), ("channel", channelId)],
                    Read,
                    null,
                    ct);
                return (feeds[0], created);
            },
            cancellationToken);

    /// <summary>Removes a subscription of <paramref name="library"/> by id (any channel of the platform) or by URL (this channel); returns the removed feeds.</summary>
    public Task<IReadOnlyList<Feed>> RemoveAsync(string library, string platform, string channelId, string urlOrId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(urlOrId);
        var text = urlOrId.Trim().TrimStart('#');
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? database.QueryAsync(
                $"DELETE FROM feeds WHERE id = @id AND platform = @platform AND library = @library RETURNING {Columns}", [("id", id), ("platform", platform), ("library", library)], Read, cancellationToken)
            : database.QueryAsync(
                $"DELETE FROM feeds WHERE url = @url AND platform = @platform AND channel_id = @channel AND library = @library RETURNING {Columns}",
                [("url", urlOrId.Trim()), ("platform", platform), ("channel", channelId), ("library", library)],
                Read,
                cancellationToken);
    }

    /// <summary>The channel's feeds of <paramref name="library"/>.</summary>
    public Task<IReadOnlyList<Feed>> ListAsync(string library, string platform, string channelId, CancellationToken cancellationToken) =>
        database.QueryAsync(
            $"SELECT {Columns} FROM feeds WHERE platform = @platform AND channel_id = @channel AND library = @library ORDER BY id",
            [("platform", platform), ("channel", channelId), ("library", library)],
            Read,
            cancellationToken);

    public Task<IReadOnlyList<Feed>> ListLibraryAsync(string library, CancellationToken cancellationToken) =>
        database.QueryAsync($"SELECT {Columns} FROM feeds WHERE library = @library ORDER BY id", [("library", library)], Read, cancellationToken);

    public async Task<Feed?> GetAsync(long id, CancellationToken cancellationToken)
    {
        var list = await database.QueryAsync($"SELECT {Columns} FROM feeds WHERE id = @id", [("id", id)], Read, cancellationToken);
        return list.Count == 0 ? null : list[0];
    }

    public Task<IReadOnlyList<Feed>> ListDueAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        database.QueryAsync($"SELECT {Columns} FROM feeds WHERE next_poll_at <= @now ORDER BY next_poll_at, id", [("now", database.Time(now))], Read, cancellationToken);

    public Task<IReadOnlyList<Feed>> ListAllAsync(CancellationToken cancellationToken) =>
        database.QueryAsync($"SELECT {Columns} FROM feeds ORDER BY library, id", [], Read, cancellationToken);

    /// <summary>Claims a due poll by moving its next poll time; false when another poller took it first.</summary>
    public async Task<bool> TryClaimPollAsync(long feedId, DateTimeOffset now, DateTimeOffset nextPollAt, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(
            "UPDATE feeds SET next_poll_at = @next, last_polled_at = @now WHERE id = @id AND next_poll_at <= @now",
            [("id", feedId), ("now", database.Time(now)), ("next", database.Time(nextPollAt))],
            cancellationToken) > 0;

    /// <summary>A successful poll: stores the validators and title, and clears the failure streak.</summary>
    public Task RecordSuccessAsync(long feedId, string? etag, DateTimeOffset? lastModified, string? title, CancellationToken cancellationToken) =>
        database.ExecuteAsync(
            Success,
            [("id", feedId), ("etag", etag), ("lm", database.TimeOrNull(lastModified)), ("title", string.IsNullOrWhiteSpace(title) ? null : title.Trim()), ("off", false)],
            cancellationToken);

    /// <summary>A failed poll: one more in the streak (which starts now if it is the first); returns the updated feed.</summary>
    public async Task<Feed?> RecordFailureAsync(long feedId, string error, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var list = await database.QueryAsync(Failure, [("id", feedId), ("error", error), ("now", database.Time(now))], Read, cancellationToken);
        return list.Count == 0 ? null : list[0];
    }

    /// <summary>Marks the failure notice as sent; false when another poller sent it already.</summary>
    public async Task<bool> TryMarkFailureNotifiedAsync(long feedId, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(
            "UPDATE feeds SET failure_notified = @on WHERE id = @id AND failure_notified = @off", [("id", feedId), ("on", true), ("off", false)], cancellationToken) > 0;

    public Task UnmarkFailureNotifiedAsync(long feedId, CancellationToken cancellationToken) =>
        database.ExecuteAsync("UPDATE feeds SET failure_notified = @off WHERE id = @id", [("id", feedId), ("off", false)], cancellationToken);

    /// <summary>A working feed's warning (or none), kept in last_error while the failure count is 0.</summary>
    public Task RecordWarningAsync(long feedId, string? warning, CancellationToken cancellationToken) =>
        database.ExecuteAsync("UPDATE feeds SET last_error = @warning WHERE id = @id AND failure_count = 0", [("id", feedId), ("warning", warning)], cancellationToken);

    /// <summary>The keys among <paramref name="keys"/> this feed has already delivered (one query).</summary>
    public async Task<IReadOnlySet<string>> FindKnownItemsAsync(long feedId, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }

        var found = await database.QueryAsync(
            $"SELECT item_key FROM feed_items WHERE feed_id = @feed AND {database.InList("item_key", "keys")}",
            [("feed", feedId), ("keys", database.List(keys.Distinct(StringComparer.Ordinal).ToArray()))],
            reader => reader.GetString(0),
            cancellationToken);
        return found.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Records a delivered item; false when it was already recorded (by this or another poller).</summary>
    public async Task<bool> AddItemAsync(long feedId, string key, long? articleId, DateTimeOffset now, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(AddItem, [("feed", feedId), ("key", key), ("article", articleId), ("now", database.Time(now))], cancellationToken) > 0;

    private Feed Read(DbDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetStringOrNull(4),
        reader.GetStringOrNull(5),
        database.ReadTimeOrNull(reader, 6),
        reader.GetInt32(7),
        database.ReadTimeOrNull(reader, 8),
        reader.GetStringOrNull(9),
        reader.GetBoolean(10),
        database.ReadTime(reader, 11),
        database.ReadTimeOrNull(reader, 12),
        database.ReadTime(reader, 13))
    {
        Library = reader.GetString(14),
    };
}
