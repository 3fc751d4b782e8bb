using ChatBot.Retrieval.Storage.Sql;
using Npgsql;

namespace ChatBot.Digests.Storage;

/// <summary>
/// The (channel, slot) claims in PostgreSQL, shared by every replica: a claim is <c>INSERT … ON CONFLICT DO NOTHING</c>
/// on the unique (platform, channel_id, slot) key, so of two replicas claiming a slot at once exactly one gets the row;
/// taking over an expired lease and every later step are single conditional UPDATEs (<c>WHERE claimed_by = owner</c>).
/// </summary>
public sealed class PostgresDigestPostLog(PostgresConnectionFactory connections) : IDigestPostLog
{
    private const string Columns = "id, platform, channel_id, slot, status, lease_until, attempts, window_start, window_end, catch_up, missed_slots, parts_posted";

    public Task<DateTimeOffset?> GetLastSlotAsync(string platform, string channelId, CancellationToken cancellationToken) =>
        ScalarTimeAsync("SELECT MAX(slot) FROM digest_posts WHERE platform = @platform AND channel_id = @channel", platform, channelId, cancellationToken);

    public Task<DateTimeOffset?> GetWatermarkAsync(string platform, string channelId, CancellationToken cancellationToken) =>
        ScalarTimeAsync(
            "SELECT MAX(window_end) FROM digest_posts WHERE platform = @platform AND channel_id = @channel AND status IN ('posted', 'empty')",
            platform,
            channelId,
            cancellationToken);

    public async Task<DigestPost?> TryClaimAsync(
        string platform, string channelId, DateTimeOffset slot, bool catchUp, int missedSlots, string owner,
        DateTimeOffset now, DateTimeOffset leaseUntil, DateTimeOffset firstWindowStart, CancellationToken cancellationToken)
    {
        var list = await QueryAsync(
            $"""
            INSERT INTO digest_posts (platform, channel_id, slot, status, claimed_by, lease_until, attempts, window_start, window_end, catch_up, missed_slots, claimed_at)
            SELECT @platform, @channel, @slot, 'claimed', @owner, @lease, 1,
                COALESCE((SELECT MAX(window_end) FROM digest_posts WHERE platform = @platform AND channel_id = @channel AND status <> 'failed'), @first),
                @now, @catchUp, @missed, @now
            ON CONFLICT (platform, channel_id, slot) DO NOTHING
            RETURNING {Columns}
            """,
            command =>
            {
                command.Parameters.AddWithValue("platform", platform);
                command.Parameters.AddWithValue("channel", channelId);
                command.Parameters.AddWithValue("slot", PgTime.Utc(slot));
                command.Parameters.AddWithValue("owner", owner);
                command.Parameters.AddWithValue("lease", PgTime.Utc(leaseUntil));
                command.Parameters.AddWithValue("first", PgTime.Utc(firstWindowStart));
                command.Parameters.AddWithValue("now", PgTime.Utc(now));
                command.Parameters.AddWithValue("catchUp", catchUp);
                command.Parameters.AddWithValue("missed", missedSlots);
            },
            cancellationToken);
        return list.Count == 0 ? null : list[0];
    }

    public Task<IReadOnlyList<DigestPost>> ListRetryableAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        QueryAsync(
            $"SELECT {Columns} FROM digest_posts WHERE status = 'claimed' AND lease_until <= @now ORDER BY slot",
            command => command.Parameters.AddWithValue("now", PgTime.Utc(now)),
            cancellationToken);

    public async Task<DigestPost?> TryReclaimAsync(long id, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        var list = await QueryAsync(
            $"""
            UPDATE digest_posts SET claimed_by = @owner, lease_until = @lease, attempts = attempts + 1
            WHERE id = @id AND status = 'claimed' AND lease_until <= @now
            RETURNING {Columns}
            """,
            command =>
            {
                command.Parameters.AddWithValue("id", id);
                command.Parameters.AddWithValue("owner", owner);
                command.Parameters.AddWithValue("lease", PgTime.Utc(leaseUntil));
                command.Parameters.AddWithValue("now", PgTime.Utc(now));
            },
            cancellationToken);
        return list.Count == 0 ? null : list[0];
    }

    public Task<bool> MarkPartPostedAsync(long id, string owner, int partsPosted, string messageId, CancellationToken cancellationToken) =>
        UpdateAsync(
            "UPDATE digest_posts SET parts_posted = @parts, message_ids = COALESCE(message_ids || ',', '') || @message WHERE id = @id AND claimed_by = @owner AND status = 'claimed'",
            id,
            owner,
            command =>
            {
                command.Parameters.AddWithValue("parts", partsPosted);
                command.Parameters.AddWithValue("message", messageId);
            },
            cancellationToken);

    public Task<bool> CompleteAsync(long id, string owner, string status, int itemCount, DateTimeOffset now, CancellationToken cancellationToken) =>
        UpdateAsync(
            "UPDATE digest_posts SET status = @status, item_count = @items, finished_at = @now, last_error = NULL WHERE id = @id AND claimed_by = @owner AND status = 'claimed'",
            id,
            owner,
            command =>
            {
                command.Parameters.AddWithValue("status", status);
                command.Parameters.AddWithValue("items", itemCount);
                command.Parameters.AddWithValue("now", PgTime.Utc(now));
            },
            cancellationToken);

    public Task<bool> RecordFailureAsync(long id, string owner, string error, DateTimeOffset retryAt, bool giveUp, DateTimeOffset now, CancellationToken cancellationToken) =>
        UpdateAsync(
            """
            UPDATE digest_posts SET status = CASE WHEN @giveUp THEN 'failed' ELSE 'claimed' END, claimed_by = NULL,
                lease_until = @retry, last_error = @error, finished_at = CASE WHEN @giveUp THEN @now ELSE NULL END
            WHERE id = @id AND claimed_by = @owner AND status = 'claimed'
            """,
            id,
            owner,
            command =>
            {
                command.Parameters.AddWithValue("giveUp", giveUp);
                command.Parameters.AddWithValue("retry", PgTime.Utc(retryAt));
                command.Parameters.AddWithValue("error", error);
                command.Parameters.AddWithValue("now", PgTime.Utc(now));
            },
            cancellationToken);

    public Task<IReadOnlyList<DigestPost>> ListAsync(string platform, string channelId, CancellationToken cancellationToken) =>
        QueryAsync(
            $"SELECT {Columns} FROM digest_posts WHERE platform = @platform AND channel_id = @channel ORDER BY slot",
            command =>
            {
                command.Parameters.AddWithValue("platform", platform);
                command.Parameters.AddWithValue("channel", channelId);
            },
            cancellationToken);

    private Task<DateTimeOffset?> ScalarTimeAsync(string sql, string platform, string channelId, CancellationToken cancellationToken) =>
        connections.RunAsync(
            async (connection, ct) =>
            {
                await using var command = new NpgsqlCommand(sql, connection);
                command.Parameters.AddWithValue("platform", platform);
                command.Parameters.AddWithValue("channel", channelId);
                await using var reader = await command.ExecuteReaderAsync(ct);
                return await reader.ReadAsync(ct) ? PgTime.ReadOrNull(reader, 0) : null;
            },
            cancellationToken);

    private Task<bool> UpdateAsync(string sql, long id, string owner, Action<NpgsqlCommand> bind, CancellationToken cancellationToken) =>
        connections.RunAsync(
            async (connection, ct) =>
            {
                await using var command = new NpgsqlCommand(sql, connection);
                command.Parameters.AddWithValue("id", id);
                command.Parameters.AddWithValue("owner", owner);
                bind(command);
                return await command.ExecuteNonQueryAsync(ct) > 0;
            },
            cancellationToken);

    private Task<IReadOnlyList<DigestPost>> QueryAsync(string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken) =>
        connections.RunAsync<IReadOnlyList<DigestPost>>(
            async (connection, ct) =>
            {
                await using var command = new NpgsqlCommand(sql, connection);
                bind(command);
                var list = new List<DigestPost>();
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    list.Add(new DigestPost(
                        reader.GetInt64(0),
                        reader.GetString(1),
                        reader.GetString(2),
                        PgTime.Read(reader, 3),
                        reader.GetString(4),
                        PgTime.Read(reader, 5),
                        reader.GetInt32(6),
                        PgTime.Read(reader, 7),
                        PgTime.Read(reader, 8),
                        reader.GetBoolean(9),
                        reader.GetInt32(10),
                        reader.GetInt32(11)));
                }

                return list;
            },
            cancellationToken);
}
