using System.Data.Common;
using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.Digests.Storage;

/// <summary>
/// The (channel, slot) claims that make a digest post happen exactly once (on PostgreSQL across every replica). A claim
/// is a row with a unique key, inserted with <c>INSERT … ON CONFLICT DO NOTHING</c> before composing; its lease lets
/// another scheduler (or this one after a restart) take over a slot whose claimer crashed; a failed post keeps the row
/// and moves the lease to the next retry time. Every change is one conditional statement, so two schedulers cannot
/// both win.
/// </summary>
public sealed class DigestPostLog(SqlDatabase database) : IDigestPostLog
{
    private const string Columns = "id, platform, channel_id, slot, status, lease_until, attempts, window_start, window_end, catch_up, missed_slots, parts_posted, library";

    // "WHERE true": SQLite needs it to read ON CONFLICT after INSERT … SELECT as the upsert clause.
    private const string Claim = $"""
        INSERT INTO digest_posts (library, platform, channel_id, slot, status, claimed_by, lease_until, attempts, window_start, window_end, catch_up, missed_slots, claimed_at)
        SELECT @library, @platform, @channel, @slot, 'claimed', @owner, @lease, 1,
            COALESCE((SELECT MAX(window_end) FROM digest_posts WHERE platform = @platform AND channel_id = @channel AND status <> 'failed'), @first),
            @now, @catchUp, @missed, @now
        WHERE true
        ON CONFLICT (platform, channel_id, slot) DO NOTHING
        RETURNING {Columns}
        """;

    private const string Reclaim = $"""
        UPDATE digest_posts SET claimed_by = @owner, lease_until = @lease, attempts = attempts + 1
        WHERE id = @id AND status = 'claimed' AND lease_until <= @now
        RETURNING {Columns}
        """;

    private const string PartPosted = """
        UPDATE digest_posts SET parts_posted = @parts, message_ids = COALESCE(message_ids || ',', '') || @message
        WHERE id = @id AND claimed_by = @owner AND status = 'claimed'
        """;

    private const string Complete = """
        UPDATE digest_posts SET status = @status, item_count = @items, finished_at = @now, last_error = NULL
        WHERE id = @id AND claimed_by = @owner AND status = 'claimed'
        """;

    private const string Failure = """
        UPDATE digest_posts SET status = CASE WHEN @giveUp THEN 'failed' ELSE 'claimed' END, claimed_by = NULL,
            lease_until = @retry, last_error = @error, finished_at = CASE WHEN @giveUp THEN @now ELSE NULL END
        WHERE id = @id AND claimed_by = @owner AND status = 'claimed'
        """;

    public Task<DateTimeOffset?> GetLastSlotAsync(string platform, string channelId, CancellationToken cancellationToken) =>
        MaxTimeAsync("SELECT MAX(slot) FROM digest_posts WHERE platform = @platform AND channel_id = @channel", platform, channelId, cancellationToken);

    public Task<DateTimeOffset?> GetWatermarkAsync(string platform, string channelId, CancellationToken cancellationToken) =>
        MaxTimeAsync(
            "SELECT MAX(window_end) FROM digest_posts WHERE platform = @platform AND channel_id = @channel AND status IN ('posted', 'empty')",
            platform,
            channelId,
            cancellationToken);

    public async Task<DigestPost?> TryClaimAsync(
        string library, string platform, string channelId, DateTimeOffset slot, bool catchUp, int missedSlots, string owner,
        DateTimeOffset now, DateTimeOffset leaseUntil, DateTimeOffset firstWindowStart, CancellationToken cancellationToken)
    {
        var list = await database.QueryAsync(
            Claim,
            [
                ("library", library), ("platform", platform), ("channel", channelId), ("slot", database.Time(slot)), ("owner", owner), ("lease", database.Time(leaseUntil)),
                ("first", database.Time(firstWindowStart)), ("now", database.Time(now)), ("catchUp", catchUp), ("missed", missedSlots),
            ],
            Read,
            cancellationToken);
        return list.Count == 0 ? null : list[0];
    }

    public Task<IReadOnlyList<DigestPost>> ListRetryableAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        database.QueryAsync($"SELECT {Columns} FROM digest_posts WHERE status = 'claimed' AND lease_until <= @now ORDER BY slot", [("now", database.Time(now))], Read, cancellationToken);

    public async Task<DigestPost?> TryReclaimAsync(long id, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        var list = await database.QueryAsync(
            Reclaim, [("id", id), ("owner", owner), ("lease", database.Time(leaseUntil)), ("now", database.Time(now))], Read, cancellationToken);
        return list.Count == 0 ? null : list[0];
    }

    public async Task<bool> MarkPartPostedAsync(long id, string owner, int partsPosted, string messageId, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(PartPosted, [("id", id), ("owner", owner), ("parts", partsPosted), ("message", messageId)], cancellationToken) > 0;

    public async Task<bool> CompleteAsync(long id, string owner, string status, int itemCount, DateTimeOffset now, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(
            Complete, [("id", id), ("owner", owner), ("status", status), ("items", itemCount), ("now", database.Time(now))], cancellationToken) > 0;

    public async Task<bool> RecordFailureAsync(long id, string owner, string error, DateTimeOffset retryAt, bool giveUp, DateTimeOffset now, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(
            Failure,
            [("id", id), ("owner", owner), ("giveUp", giveUp), ("retry", database.Time(retryAt)), ("error", error), ("now", database.Time(now))],
            cancellationToken) > 0;

    public Task<IReadOnlyList<DigestPost>> ListAsync(string platform, string channelId, CancellationToken cancellationToken) =>
        database.QueryAsync(
            $"SELECT {Columns} FROM digest_posts WHERE platform = @platform AND channel_id = @channel ORDER BY slot",
            [("platform", platform), ("channel", channelId)],
            Read,
            cancellationToken);

    private async Task<DateTimeOffset?> MaxTimeAsync(string sql, string platform, string channelId, CancellationToken cancellationToken)
    {
        var rows = await database.QueryAsync(sql, [("platform", platform), ("channel", channelId)], reader => database.ReadTimeOrNull(reader, 0), cancellationToken);
        return rows[0];
    }

    private DigestPost Read(DbDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetString(2),
        database.ReadTime(reader, 3),
        reader.GetString(4),
        database.ReadTime(reader, 5),
        reader.GetInt32(6),
        database.ReadTime(reader, 7),
        database.ReadTime(reader, 8),
        reader.GetBoolean(9),
        reader.GetInt32(10),
        reader.GetInt32(11))
    {
        Library = reader.GetString(12),
    };
}
