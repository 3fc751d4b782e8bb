using System.Globalization;
using ChatBot.Digests.Feeds;
using ChatBot.Retrieval.Storage.Sql;
using Microsoft.Data.Sqlite;

namespace ChatBot.Digests.Storage;

/// <summary>Feed subscriptions per channel, their poll state, and the item keys each feed has delivered.</summary>
public sealed class SqliteFeedStore(SqliteConnectionFactory connections) : IFeedStore
{
    private const string Columns = "id, url, platform, channel_id, title, etag, last_modified, failure_count, failing_since, last_error, failure_notified, next_poll_at, last_polled_at, created_at";

    /// <summary>Subscribes a channel to a feed (due at once); returns the feed and whether it is new.</summary>
    public async Task<(Feed Feed, bool Created)> AddAsync(string url, string platform, string channelId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using (var insert = connection.CreateCommand())
        {
            insert.CommandText = """
                INSERT OR IGNORE INTO feeds (url, platform, channel_id, next_poll_at, created_at)
                VALUES ($url, $platform, $channel, $now, $now)
                """;
            insert.Parameters.AddWithValue("$url", url);
            insert.Parameters.AddWithValue("$platform", platform);
            insert.Parameters.AddWithValue("$channel", channelId);
            insert.Parameters.AddWithValue("$now", DbTime.Format(now));
            var created = await insert.ExecuteNonQueryAsync(cancellationToken) > 0;
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT {Columns} FROM feeds WHERE url = $url AND platform = $platform AND channel_id = $channel";
            select.Parameters.AddWithValue("$url", url);
            select.Parameters.AddWithValue("$platform", platform);
            select.Parameters.AddWithValue("$channel", channelId);
            return ((await ReadAsync(select, cancellationToken))[0], created);
        }
    }

    /// <summary>Removes a subscription by id (any channel of the platform) or by URL (this channel); returns the removed feeds.</summary>
    public async Task<IReadOnlyList<Feed>> RemoveAsync(string platform, string channelId, string urlOrId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var text = urlOrId.Trim().TrimStart('#');
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            command.CommandText = $"DELETE FROM feeds WHERE id = $id AND platform = $platform RETURNING {Columns}";
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$platform", platform);
        }
        else
        {
            command.CommandText = $"DELETE FROM feeds WHERE url = $url AND platform = $platform AND channel_id = $channel RETURNING {Columns}";
            command.Parameters.AddWithValue("$url", urlOrId.Trim());
            command.Parameters.AddWithValue("$platform", platform);
            command.Parameters.AddWithValue("$channel", channelId);
        }

        return await ReadAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<Feed>> ListAsync(string platform, string channelId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM feeds WHERE platform = $platform AND channel_id = $channel ORDER BY id";
        command.Parameters.AddWithValue("$platform", platform);
        command.Parameters.AddWithValue("$channel", channelId);
        return await ReadAsync(command, cancellationToken);
    }

    public async Task<Feed?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM feeds WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        var list = await ReadAsync(command, cancellationToken);
        return list.Count == 0 ? null : list[0];
    }

    public async Task<IReadOnlyList<Feed>> ListDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM feeds WHERE next_poll_at <= $now ORDER BY next_poll_at, id";
        command.Parameters.AddWithValue("$now", DbTime.Format(now));
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>Claims a due poll by moving its next poll time; false when another poller took it first.</summary>
    public async Task<bool> TryClaimPollAsync(long feedId, DateTimeOffset now, DateTimeOffset nextPollAt, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE feeds SET next_poll_at = $next, last_polled_at = $now WHERE id = $id AND next_poll_at <= $now";
        command.Parameters.AddWithValue("$id", feedId);
        command.Parameters.AddWithValue("$now", DbTime.Format(now));
        command.Parameters.AddWithValue("$next", DbTime.Format(nextPollAt));
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>A successful poll: stores the validators and title, and clears the failure streak.</summary>
    public async Task RecordSuccessAsync(long feedId, string? etag, DateTimeOffset? lastModified, string? title, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE feeds SET etag = COALESCE($etag, etag), last_modified = COALESCE($lm, last_modified), title = COALESCE($title, title),
                failure_count = 0, failing_since = NULL, last_error = NULL, failure_notified = 0
            WHERE id = $id
            """;
        command.Parameters.AddWithValue("$id", feedId);
        command.Parameters.AddWithValue("$etag", DbTime.OrNull(etag));
        command.Parameters.AddWithValue("$lm", DbTime.OrNull(lastModified));
        command.Parameters.AddWithValue("$title", DbTime.OrNull(string.IsNullOrWhiteSpace(title) ? null : title.Trim()));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A failed poll: one more in the streak (which starts now if it is the first); returns the updated feed.</summary>
    public async Task<Feed?> RecordFailureAsync(long feedId, string error, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            UPDATE feeds SET failure_count = failure_count + 1, failing_since = COALESCE(failing_since, $now), last_error = $error
            WHERE id = $id RETURNING {Columns}
            """;
        command.Parameters.AddWithValue("$id", feedId);
        command.Parameters.AddWithValue("$error", error);
        command.Parameters.AddWithValue("$now", DbTime.Format(now));
        var list = await ReadAsync(command, cancellationToken);
        return list.Count == 0 ? null : list[0];
    }

    /// <summary>Marks the failure notice as sent; false when another poller sent it already.</summary>
    public async Task<bool> TryMarkFailureNotifiedAsync(long feedId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE feeds SET failure_notified = 1 WHERE id = $id AND failure_notified = 0";
        command.Parameters.AddWithValue("$id", feedId);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public async Task UnmarkFailureNotifiedAsync(long feedId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE feeds SET failure_notified = 0 WHERE id = $id";
        command.Parameters.AddWithValue("$id", feedId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The keys among <paramref name="keys"/> this feed has already delivered.</summary>
    public async Task<IReadOnlySet<string>> FindKnownItemsAsync(long feedId, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM feed_items WHERE feed_id = $feed AND item_key = $key";
        command.Parameters.AddWithValue("$feed", feedId);
        var key = command.Parameters.Add("$key", SqliteType.Text);
        foreach (var k in keys.Distinct(StringComparer.Ordinal))
        {
            key.Value = k;
            if (await command.ExecuteScalarAsync(cancellationToken) is not null)
            {
                known.Add(k);
            }
        }

        return known;
    }

    /// <summary>Records a delivered item; false when it was already recorded (by this or another poller).</summary>
    public async Task<bool> AddItemAsync(long feedId, string key, long? articleId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT OR IGNORE INTO feed_items (feed_id, item_key, article_id, seen_at) VALUES ($feed, $key, $article, $now)";
        command.Parameters.AddWithValue("$feed", feedId);
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$article", (object?)articleId ?? DBNull.Value);
        command.Parameters.AddWithValue("$now", DbTime.Format(now));
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    private static async Task<IReadOnlyList<Feed>> ReadAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var list = new List<Feed>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new Feed(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : DbTime.Parse(reader.GetString(6)),
                reader.GetInt32(7),
                reader.IsDBNull(8) ? null : DbTime.Parse(reader.GetString(8)),
                reader.IsDBNull(9) ? null : reader.GetString(9),
                reader.GetInt64(10) != 0,
                DbTime.Parse(reader.GetString(11)),
                reader.IsDBNull(12) ? null : DbTime.Parse(reader.GetString(12)),
                DbTime.Parse(reader.GetString(13))));
        }

        return list;
    }
}
