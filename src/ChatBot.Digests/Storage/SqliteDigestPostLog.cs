using ChatBot.Retrieval.Storage.Sql;
using Microsoft.Data.Sqlite;

namespace ChatBot.Digests.Storage;

/// <summary>
/// The (channel, slot) claims that make a digest post happen exactly once. A claim is a row with a unique key,
/// inserted before composing; its lease lets another scheduler (or this one after a restart) take over a slot
/// whose claimer crashed; a failed post keeps the row and moves the lease to the next retry time.
/// </summary>
public sealed class SqliteDigestPostLog(SqliteConnectionFactory connections) : IDigestPostLog
{
    private const string Columns = "id, platform, channel_id, slot, status, lease_until, attempts, window_start, window_end, catch_up, missed_slots, parts_posted";

    /// <summary>The latest slot recorded for the channel in any state; scheduling continues after it.</summary>
    public async Task<DateTimeOffset?> GetLastSlotAsync(string platform, string channelId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT MAX(slot) FROM digest_posts WHERE platform = $platform AND channel_id = $channel";
        command.Parameters.AddWithValue("$platform", platform);
        command.Parameters.AddWithValue("$channel", channelId);
        return DbTime.ParseOrNull(await command.ExecuteScalarAsync(cancellationToken));
    }

    /// <summary>The end of the last digest actually delivered (posted or empty): a preview starts here.</summary>
    public async Task<DateTimeOffset?> GetWatermarkAsync(string platform, string channelId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT MAX(window_end) FROM digest_posts WHERE platform = $platform AND channel_id = $channel AND status IN ('posted', 'empty')";
        command.Parameters.AddWithValue("$platform", platform);
        command.Parameters.AddWithValue("$channel", channelId);
        return DbTime.ParseOrNull(await command.ExecuteScalarAsync(cancellationToken));
    }

    /// <summary>
    /// Claims a slot: one statement inserts the row (or nothing, when any scheduler already recorded this slot), with the
    /// window starting where the channel's previous live digest ended. Null when the slot was already claimed.
    /// </summary>
    public async Task<DigestPost?> TryClaimAsync(
        string platform, string channelId, DateTimeOffset slot, bool catchUp, int missedSlots, string owner,
        DateTimeOffset now, DateTimeOffset leaseUntil, DateTimeOffset firstWindowStart, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT OR IGNORE INTO digest_posts (platform, channel_id, slot, status, claimed_by, lease_until, attempts, window_start, window_end, catch_up, missed_slots, claimed_at)
            SELECT $platform, $channel, $slot, 'claimed', $owner, $lease, 1,
                COALESCE((SELECT MAX(window_end) FROM digest_posts WHERE platform = $platform AND channel_id = $channel AND status <> 'failed'), $first),
                $now, $catchUp, $missed, $now
            RETURNING {Columns}
            """;
        command.Parameters.AddWithValue("$platform", platform);
        command.Parameters.AddWithValue("$channel", channelId);
        command.Parameters.AddWithValue("$slot", DbTime.Format(slot));
        command.Parameters.AddWithValue("$owner", owner);
        command.Parameters.AddWithValue("$lease", DbTime.Format(leaseUntil));
        command.Parameters.AddWithValue("$first", DbTime.Format(firstWindowStart));
        command.Parameters.AddWithValue("$now", DbTime.Format(now));
        command.Parameters.AddWithValue("$catchUp", catchUp ? 1 : 0);
        command.Parameters.AddWithValue("$missed", missedSlots);
        var list = await ReadAsync(command, cancellationToken);
        return list.Count == 0 ? null : list[0];
    }

    /// <summary>Claims whose lease ran out: a crashed claimer, or a failed post whose retry time has come.</summary>
    public async Task<IReadOnlyList<DigestPost>> ListRetryableAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM digest_posts WHERE status = 'claimed' AND lease_until <= $now ORDER BY slot";
        command.Parameters.AddWithValue("$now", DbTime.Format(now));
        return await ReadAsync(command, cancellationToken);
    }

    /// <summary>Takes over an expired claim; null when another scheduler took it first.</summary>
    public async Task<DigestPost?> TryReclaimAsync(long id, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            UPDATE digest_posts SET claimed_by = $owner, lease_until = $lease, attempts = attempts + 1
            WHERE id = $id AND status = 'claimed' AND lease_until <= $now
            RETURNING {Columns}
            """;
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$owner", owner);
        command.Parameters.AddWithValue("$lease", DbTime.Format(leaseUntil));
        command.Parameters.AddWithValue("$now", DbTime.Format(now));
        var list = await ReadAsync(command, cancellationToken);
        return list.Count == 0 ? null : list[0];
    }

    /// <summary>Records one delivered part (so a retry resumes after it); false when the claim was lost.</summary>
    public Task<bool> MarkPartPostedAsync(long id, string owner, int partsPosted, string messageId, CancellationToken cancellationToken) =>
        UpdateAsync(
            "UPDATE digest_posts SET parts_posted = $parts, message_ids = COALESCE(message_ids || ',', '') || $message WHERE id = $id AND claimed_by = $owner AND status = 'claimed'",
            id,
            owner,
            command =>
            {
                command.Parameters.AddWithValue("$parts", partsPosted);
                command.Parameters.AddWithValue("$message", messageId);
            },
            cancellationToken);

    /// <summary>Marks the slot done: <see cref="DigestPost.Posted"/> or <see cref="DigestPost.Empty"/>.</summary>
    public Task<bool> CompleteAsync(long id, string owner, string status, int itemCount, DateTimeOffset now, CancellationToken cancellationToken) =>
        UpdateAsync(
            "UPDATE digest_posts SET status = $status, item_count = $items, finished_at = $now, last_error = NULL WHERE id = $id AND claimed_by = $owner AND status = 'claimed'",
            id,
            owner,
            command =>
            {
                command.Parameters.AddWithValue("$status", status);
                command.Parameters.AddWithValue("$items", itemCount);
                command.Parameters.AddWithValue("$now", DbTime.Format(now));
            },
            cancellationToken);

    /// <summary>A failed attempt: releases the claim until <paramref name="retryAt"/>, or gives up (status failed).</summary>
    public Task<bool> RecordFailureAsync(long id, string owner, string error, DateTimeOffset retryAt, bool giveUp, DateTimeOffset now, CancellationToken cancellationToken) =>
        UpdateAsync(
            """
            UPDATE digest_posts SET status = CASE WHEN $giveUp = 1 THEN 'failed' ELSE 'claimed' END, claimed_by = NULL,
                lease_until = $retry, last_error = $error, finished_at = CASE WHEN $giveUp = 1 THEN $now ELSE NULL END
            WHERE id = $id AND claimed_by = $owner AND status = 'claimed'
            """,
            id,
            owner,
            command =>
            {
                command.Parameters.AddWithValue("$giveUp", giveUp ? 1 : 0);
                command.Parameters.AddWithValue("$retry", DbTime.Format(retryAt));
                command.Parameters.AddWithValue("$error", error);
                command.Parameters.AddWithValue("$now", DbTime.Format(now));
            },
            cancellationToken);

    public async Task<IReadOnlyList<DigestPost>> ListAsync(string platform, string channelId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM digest_posts WHERE platform = $platform AND channel_id = $channel ORDER BY slot";
        command.Parameters.AddWithValue("$platform", platform);
        command.Parameters.AddWithValue("$channel", channelId);
        return await ReadAsync(command, cancellationToken);
    }

    private async Task<bool> UpdateAsync(string sql, long id, string owner, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$owner", owner);
        bind(command);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    private static async Task<IReadOnlyList<DigestPost>> ReadAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var list = new List<DigestPost>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new DigestPost(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetString(2),
                DbTime.Parse(reader.GetString(3)),
                reader.GetString(4),
                DbTime.Parse(reader.GetString(5)),
                reader.GetInt32(6),
                DbTime.Parse(reader.GetString(7)),
                DbTime.Parse(reader.GetString(8)),
                reader.GetInt64(9) != 0,
                reader.GetInt32(10),
                reader.GetInt32(11)));
        }

        return list;
    }
}
