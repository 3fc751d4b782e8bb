using ChatBot.Retrieval.Storage.Sql;
using Microsoft.Data.Sqlite;

namespace ChatBot.Digests.Storage;

/// <summary>Per-channel digest schedules. A schedule set in chat (including "off") wins over configuration.</summary>
public sealed class SqliteDigestScheduleStore(SqliteConnectionFactory connections) : IDigestScheduleStore
{
    private const string Columns = "platform, channel_id, cron, time_zone, enabled, origin, updated_at";

    /// <summary>Sets a channel's schedule from chat.</summary>
    public async Task SetAsync(string platform, string channelId, string cron, string timeZone, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO digest_schedules (platform, channel_id, cron, time_zone, enabled, origin, updated_at)
            VALUES ($platform, $channel, $cron, $tz, 1, 'chat', $now)
            ON CONFLICT (platform, channel_id) DO UPDATE SET cron = excluded.cron, time_zone = excluded.time_zone,
                enabled = 1, origin = 'chat', updated_at = excluded.updated_at
            """;
        Bind(command, platform, channelId, cron, timeZone, now);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Applies a configured schedule unless the channel's schedule was set in chat; returns whether it changed.</summary>
    public async Task<bool> ApplyConfiguredAsync(string platform, string channelId, string cron, string timeZone, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO digest_schedules (platform, channel_id, cron, time_zone, enabled, origin, updated_at)
            VALUES ($platform, $channel, $cron, $tz, 1, 'config', $now)
            ON CONFLICT (platform, channel_id) DO UPDATE SET cron = excluded.cron, time_zone = excluded.time_zone,
                enabled = 1, updated_at = excluded.updated_at
            WHERE digest_schedules.origin = 'config'
              AND (digest_schedules.cron <> excluded.cron OR digest_schedules.time_zone <> excluded.time_zone OR digest_schedules.enabled = 0)
            """;
        Bind(command, platform, channelId, cron, timeZone, now);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>Turns a channel's digest off (kept as a row, so configuration does not turn it back on).</summary>
    public async Task<bool> DisableAsync(string platform, string channelId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE digest_schedules SET enabled = 0, origin = 'chat', updated_at = $now
            WHERE platform = $platform AND channel_id = $channel AND enabled = 1
            """;
        command.Parameters.AddWithValue("$platform", platform);
        command.Parameters.AddWithValue("$channel", channelId);
        command.Parameters.AddWithValue("$now", DbTime.Format(now));
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public async Task<DigestSchedule?> GetAsync(string platform, string channelId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM digest_schedules WHERE platform = $platform AND channel_id = $channel";
        command.Parameters.AddWithValue("$platform", platform);
        command.Parameters.AddWithValue("$channel", channelId);
        var list = await ReadAsync(command, cancellationToken);
        return list.Count == 0 ? null : list[0];
    }

    public async Task<IReadOnlyList<DigestSchedule>> ListEnabledAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM digest_schedules WHERE enabled = 1 ORDER BY platform, channel_id";
        return await ReadAsync(command, cancellationToken);
    }

    private static void Bind(SqliteCommand command, string platform, string channelId, string cron, string timeZone, DateTimeOffset now)
    {
        command.Parameters.AddWithValue("$platform", platform);
        command.Parameters.AddWithValue("$channel", channelId);
        command.Parameters.AddWithValue("$cron", cron);
        command.Parameters.AddWithValue("$tz", timeZone);
        command.Parameters.AddWithValue("$now", DbTime.Format(now));
    }

    private static async Task<IReadOnlyList<DigestSchedule>> ReadAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var list = new List<DigestSchedule>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new DigestSchedule(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetInt64(4) != 0,
                reader.GetString(5),
                DbTime.Parse(reader.GetString(6))));
        }

        return list;
    }
}
