using System.Globalization;
using ChatBot.Digests.Feeds;
using ChatBot.Retrieval.Storage.Sql;
using Npgsql;

namespace ChatBot.Digests.Storage;

/// <summary>
/// Feed subscriptions, poll state and delivered item keys in PostgreSQL, shared by every replica. A poll is claimed
/// by one conditional UPDATE of <c>next_poll_at</c>, and an item is recorded with <c>INSERT … ON CONFLICT DO NOTHING</c>,
/// so of two replicas only one fetches a due feed and only one records an item.
/// </summary>
public sealed class PostgresFeedStore(PostgresConnectionFactory connections) : IFeedStore
{
    private const string Columns = "id, url, platform, channel_id, title, etag, last_modified, failure_count, failing_since, last_error, failure_notified, next_poll_at, last_polled_at, created_at";

    public Task<(Feed Feed, bool Created)> AddAsync(string url, string platform, string channelId, DateTimeOffset now, CancellationToken cancellationToken) =>
        connections.RunAsync(
            async (connection, ct) =>
            {
                await using var insert = new NpgsqlCommand(
                    """
                    INSERT INTO feeds (url, platform, channel_id, next_poll_at, created_at) VALUES (@url, @platform, @channel, @now, @now)
                    ON CONFLICT (url, platform, channel_id) DO NOTHING
                    """,
                    connection);
                insert.Parameters.AddWithValue("url", url);
                insert.Parameters.AddWithValue("platform", platform);
                insert.Parameters.AddWithValue("channel", channelId);
                insert.Parameters.AddWithValue("now", PgTime.Utc(now));
                var created = await insert.ExecuteNonQueryAsync(ct) > 0;
                await using var select = new NpgsqlCommand($"SELECT {Columns} FROM feeds WHERE url = @url AND platform = @platform AND channel_id = @channel", connection);
                select.Parameters.AddWithValue("url", url);
                select.Parameters.AddWithValue("platform", platform);
                select.Parameters.AddWithValue("channel", channelId);
                return ((await ReadAsync(select, ct))[0], created);
            },
            cancellationToken);

    public Task<IReadOnlyList<Feed>> RemoveAsync(string platform, string channelId, string urlOrId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(urlOrId);
        var text = urlOrId.Trim().TrimStart('#');
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? QueryAsync(
                $"DELETE FROM feeds WHERE id = @id AND platform = @platform RETURNING {Columns}",
                command =>
                {
                    command.Parameters.AddWithValue("id", id);
                    command.Parameters.AddWithValue("platform", platform);
                },
                cancellationToken)
            : QueryAsync(
                $"DELETE FROM feeds WHERE url = @url AND platform = @platform AND channel_id = @channel RETURNING {Columns}",
                command =>
                {
                    command.Parameters.AddWithValue("url", urlOrId.Trim());
                    command.Parameters.AddWithValue("platform", platform);
                    command.Parameters.AddWithValue("channel", channelId);
                },
                cancellationToken);
    }

    public Task<IReadOnlyList<Feed>> ListAsync(string platform, string channelId, CancellationToken cancellationToken) =>
        QueryAsync(
            $"SELECT {Columns} FROM feeds WHERE platform = @platform AND channel_id = @channel ORDER BY id",
            command =>
            {
                command.Parameters.AddWithValue("platform", platform);
                command.Parameters.AddWithValue("channel", channelId);
            },
            cancellationToken);

    public async Task<Feed?> GetAsync(long id, CancellationToken cancellationToken)
    {
        var list = await QueryAsync($"SELECT {Columns} FROM feeds WHERE id = @id", command => command.Parameters.AddWithValue("id", id), cancellationToken);
        return list.Count == 0 ? null : list[0];
    }

    public Task<IReadOnlyList<Feed>> ListDueAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        QueryAsync(
            $"SELECT {Columns} FROM feeds WHERE next_poll_at <= @now ORDER BY next_poll_at, id",
            command => command.Parameters.AddWithValue("now", PgTime.Utc(now)),
            cancellationToken);

    public Task<bool> TryClaimPollAsync(long feedId, DateTimeOffset now, DateTimeOffset nextPollAt, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "UPDATE feeds SET next_poll_at = @next, last_polled_at = @now WHERE id = @id AND next_poll_at <= @now",
            command =>
            {
                command.Parameters.AddWithValue("id", feedId);
                command.Parameters.AddWithValue("now", PgTime.Utc(now));
                command.Parameters.AddWithValue("next", PgTime.Utc(nextPollAt));
            },
            cancellationToken);

    public Task RecordSuccessAsync(long feedId, string? etag, DateTimeOffset? lastModified, string? title, CancellationToken cancellationToken) =>
        ExecuteAsync(
            """
            UPDATE feeds SET etag = COALESCE(@etag, etag), last_modified = COALESCE(@lm, last_modified), title = COALESCE(@title, title),
                failure_count = 0, failing_since = NULL, last_error = NULL, failure_notified = false
            WHERE id = @id
            """,
            command =>
            {
                command.Parameters.AddWithValue("id", feedId);
                command.Parameters.Add(new NpgsqlParameter("etag", NpgsqlTypes.NpgsqlDbType.Text) { Value = PgTime.OrNull(etag) });
                command.Parameters.Add(new NpgsqlParameter("lm", NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = PgTime.OrNull(lastModified) });
                command.Parameters.Add(new NpgsqlParameter("title", NpgsqlTypes.NpgsqlDbType.Text)
                {
                    Value = PgTime.OrNull(string.IsNullOrWhiteSpace(title) ? null : title.Trim()),
                });
            },
            cancellationToken);

    public async Task<Feed?> RecordFailureAsync(long feedId, string error, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var list = await QueryAsync(
            $"""
            UPDATE feeds SET failure_count = failure_count + 1, failing_since = COALESCE(failing_since, @now), last_error = @error
            WHERE id = @id RETURNING {Columns}
            """,
            command =>
            {
                command.Parameters.AddWithValue("id", feedId);
                command.Parameters.AddWithValue("error", error);
                command.Parameters.AddWithValue("now", PgTime.Utc(now));
            },
            cancellationToken);
        return list.Count == 0 ? null : list[0];
    }

    public Task<bool> TryMarkFailureNotifiedAsync(long feedId, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "UPDATE feeds SET failure_notified = true WHERE id = @id AND NOT failure_notified",
            command => command.Parameters.AddWithValue("id", feedId),
            cancellationToken);

    public Task UnmarkFailureNotifiedAsync(long feedId, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE feeds SET failure_notified = false WHERE id = @id", command => command.Parameters.AddWithValue("id", feedId), cancellationToken);

    public Task<IReadOnlySet<string>> FindKnownItemsAsync(long feedId, IReadOnlyCollection<string> keys, CancellationToken cancellationToken) =>
        connections.RunAsync<IReadOnlySet<string>>(
            async (connection, ct) =>
            {
                var known = new HashSet<string>(StringComparer.Ordinal);
                await using var command = new NpgsqlCommand("SELECT item_key FROM feed_items WHERE feed_id = @feed AND item_key = ANY(@keys)", connection);
                command.Parameters.AddWithValue("feed", feedId);
                command.Parameters.AddWithValue("keys", keys.Distinct(StringComparer.Ordinal).ToArray());
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    known.Add(reader.GetString(0));
                }

                return known;
            },
            cancellationToken);

    public Task<bool> AddItemAsync(long feedId, string key, long? articleId, DateTimeOffset now, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "INSERT INTO feed_items (feed_id, item_key, article_id, seen_at) VALUES (@feed, @key, @article, @now) ON CONFLICT DO NOTHING",
            command =>
            {
                command.Parameters.AddWithValue("feed", feedId);
                command.Parameters.AddWithValue("key", key);
                command.Parameters.Add(new NpgsqlParameter("article", NpgsqlTypes.NpgsqlDbType.Bigint) { Value = (object?)articleId ?? DBNull.Value });
                command.Parameters.AddWithValue("now", PgTime.Utc(now));
            },
            cancellationToken);

    private Task<bool> ExecuteAsync(string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken) =>
        connections.RunAsync(
            async (connection, ct) =>
            {
                await using var command = new NpgsqlCommand(sql, connection);
                bind(command);
                return await command.ExecuteNonQueryAsync(ct) > 0;
            },
            cancellationToken);

    private Task<IReadOnlyList<Feed>> QueryAsync(string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken) =>
        connections.RunAsync(
            async (connection, ct) =>
            {
                await using var command = new NpgsqlCommand(sql, connection);
                bind(command);
                return await ReadAsync(command, ct);
            },
            cancellationToken);

    private static async Task<IReadOnlyList<Feed>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
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
                PgTime.TextOrNull(reader, 4),
                PgTime.TextOrNull(reader, 5),
                PgTime.ReadOrNull(reader, 6),
                reader.GetInt32(7),
                PgTime.ReadOrNull(reader, 8),
                PgTime.TextOrNull(reader, 9),
                reader.GetBoolean(10),
                PgTime.Read(reader, 11),
                PgTime.ReadOrNull(reader, 12),
                PgTime.Read(reader, 13)));
        }

        return list;
    }
}
