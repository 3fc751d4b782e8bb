using System.Data.Common;
using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.Digests.Storage;

/// <summary>
/// Per-channel digest schedules (on PostgreSQL shared by every replica), each with the library its digest reads. A
/// schedule set in chat (including "off") wins over configuration; "off" from chat acts only within the caller's library.
/// </summary>
public sealed class DigestScheduleStore(SqlDatabase database) : IDigestScheduleStore
{
    private const string Columns = "platform, channel_id, cron, time_zone, enabled, origin, updated_at, library";

    private const string Set = """
        INSERT INTO digest_schedules (library, platform, channel_id, cron, time_zone, enabled, origin, updated_at)
        VALUES (@library, @platform, @channel, @cron, @tz, @on, 'chat', @now)
        ON CONFLICT (platform, channel_id) DO UPDATE SET library = excluded.library, cron = excluded.cron, time_zone = excluded.time_zone,
            enabled = @on, origin = 'chat', updated_at = excluded.updated_at
        """;

    private const string ApplyConfigured = """
        INSERT INTO digest_schedules (library, platform, channel_id, cron, time_zone, enabled, origin, updated_at)
        VALUES (@library, @platform, @channel, @cron, @tz, @on, 'config', @now)
        ON CONFLICT (platform, channel_id) DO UPDATE SET library = excluded.library, cron = excluded.cron, time_zone = excluded.time_zone,
            enabled = @on, updated_at = excluded.updated_at
        WHERE digest_schedules.origin = 'config'
          AND (digest_schedules.cron <> excluded.cron OR digest_schedules.time_zone <> excluded.time_zone OR digest_schedules.enabled = @off
               OR digest_schedules.library <> excluded.library)
        """;

    private const string Disable = """
        UPDATE digest_schedules SET enabled = @off, origin = 'chat', updated_at = @now
        WHERE platform = @platform AND channel_id = @channel AND library = @library AND enabled = @on
        """;

    /// <summary>Sets a channel's schedule from chat; its digest reads <paramref name="library"/>.</summary>
    public Task SetAsync(string library, string platform, string channelId, string cron, string timeZone, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.ExecuteAsync(Set, Arguments(library, platform, channelId, cron, timeZone, now), cancellationToken);

    /// <summary>Applies a configured schedule unless the channel's schedule was set in chat; returns whether it changed.</summary>
    public async Task<bool> ApplyConfiguredAsync(string library, string platform, string channelId, string cron, string timeZone, DateTimeOffset now, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(ApplyConfigured, Arguments(library, platform, channelId, cron, timeZone, now), cancellationToken) > 0;

    /// <summary>Turns a channel's digest of <paramref name="library"/> off (kept as a row, so configuration does not turn it back on).</summary>
    public async Task<bool> DisableAsync(string library, string platform, string channelId, DateTimeOffset now, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(
            Disable, [("library", library), ("platform", platform), ("channel", channelId), ("now", database.Time(now)), ("on", true), ("off", false)], cancellationToken) > 0;

    public async Task<DigestSchedule?> GetAsync(string platform, string channelId, CancellationToken cancellationToken)
    {
        var list = await database.QueryAsync(
            $"SELECT {Columns} FROM digest_schedules WHERE platform = @platform AND channel_id = @channel",
            [("platform", platform), ("channel", channelId)],
            Read,
            cancellationToken);
        return list.Count == 0 ? null : list[0];
    }

    public Task<IReadOnlyList<DigestSchedule>> ListEnabledAsync(CancellationToken cancellationToken) =>
        database.QueryAsync($"SELECT {Columns} FROM digest_schedules WHERE enabled = @on ORDER BY platform, channel_id", [("on", true)], Read, cancellationToken);

    private SqlArgument[] Arguments(string library, string platform, string channelId, string cron, string timeZone, DateTimeOffset now) =>
        [("library", library), ("platform", platform), ("channel", channelId), ("cron", cron), ("tz", timeZone), ("now", database.Time(now)), ("on", true), ("off", false)];

    private DigestSchedule Read(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetBoolean(4),
        reader.GetString(5),
        database.ReadTime(reader, 6))
    {
        Library = reader.GetString(7),
    };
}
