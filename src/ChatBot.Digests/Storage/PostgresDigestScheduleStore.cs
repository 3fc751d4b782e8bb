using ChatBot.Retrieval.Storage.Sql;
using Npgsql;

namespace ChatBot.Digests.Storage;

/// <summary>Per-channel digest schedules in PostgreSQL, shared by every replica. A schedule set in chat wins over configuration.</summary>
public sealed class PostgresDigestScheduleStore(PostgresConnectionFactory connections) : IDigestScheduleStore
{
    private const string Columns = "platform, channel_id, cron, time_zone, enabled, origin, updated_at";

    public Task SetAsync(string platform, string channelId, string cron, string timeZone, DateTimeOffset now, CancellationToken cancellationToken) =>
        connections.RunAsync(
            async (connection, ct) =>
            {
                await using var command = new NpgsqlCommand(
                    """
                    INSERT INTO digest_schedules (platform, channel_id, cron, time_zone, enabled, origin, updated_at)
                    VALUES (@platform, @channel, @cron, @tz, true, 'chat', @now)
                    ON CONFLICT (platform, channel_id) DO UPDATE SET cron = excluded.cron, time_zone = excluded.time_zone,
                        enabled = true, origin = 'chat', updated_at = excluded.updated_at
                    """,
                    connection);
                Bind(command, platform, channelId, cron, timeZone, now);
                return await command.ExecuteNonQueryAsync(ct);
            },
            cancellationToken);

    public Task<bool> ApplyConfiguredAsync(string platform, string channelId, string cron, string timeZone, DateTimeOffset now, CancellationToken cancellationToken) =>
        connections.RunAsync(
            async (connection, ct) =>
            {
                await using var command = new NpgsqlCommand(
                    """
                    INSERT INTO digest_schedules (platform, channel_id, cron, time_zone, enabled, origin, updated_at)
                    VALUES (@platform, @channel, @cron, @tz, true, 'config', @now)
                    ON CONFLICT (platform, channel_id) DO UPDATE SET cron = excluded.cron, time_zone = excluded.time_zone,
                        enabled = true, updated_at = excluded.updated_at
                    WHERE digest_schedules.origin = 'config'
                      AND (digest_schedules.cron <> excluded.cron OR digest_schedules.time_zone <> excluded.time_zone OR NOT digest_schedules.enabled)
                    """,
                    connection);
                Bind(command, platform, channelId, cron, timeZone, now);
                return await command.ExecuteNonQueryAsync(ct) > 0;
            },
            cancellationToken);

    public Task<bool> DisableAsync(string platform, string channelId, DateTimeOffset now, CancellationToken cancellationToken) =>
        connections.RunAsync(
            async (connection, ct) =>
            {
                await using var command = new NpgsqlCommand(
                    """
                    UPDATE digest_schedules SET enabled = false, origin = 'chat', updated_at = @now
                    WHERE platform = @platform AND channel_id = @channel AND enabled
                    """,
                    connection);
                command.Parameters.AddWithValue("platform", platform);
                command.Parameters.AddWithValue("channel", channelId);
                command.Parameters.AddWithValue("now", PgTime.Utc(now));
                return await command.ExecuteNonQueryAsync(ct) > 0;
            },
            cancellationToken);

    public async Task<DigestSchedule?> GetAsync(string platform, string channelId, CancellationToken cancellationToken)
    {
        var list = await QueryAsync(
            $"SELECT {Columns} FROM digest_schedules WHERE platform = @platform AND channel_id = @channel",
            command =>
            {
                command.Parameters.AddWithValue("platform", platform);
                command.Parameters.AddWithValue("channel", channelId);
            },
            cancellationToken);
        return list.Count == 0 ? null : list[0];
    }

    public Task<IReadOnlyList<DigestSchedule>> ListEnabledAsync(CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {Columns} FROM digest_schedules WHERE enabled ORDER BY platform, channel_id", _ => { }, cancellationToken);

    private static void Bind(NpgsqlCommand command, string platform, string channelId, string cron, string timeZone, DateTimeOffset now)
    {
        command.Parameters.AddWithValue("platform", platform);
        command.Parameters.AddWithValue("channel", channelId);
        command.Parameters.AddWithValue("cron", cron);
        command.Parameters.AddWithValue("tz", timeZone);
        command.Parameters.AddWithValue("now", PgTime.Utc(now));
    }

    private Task<IReadOnlyList<DigestSchedule>> QueryAsync(string sql, Action<NpgsqlCommand> bind, CancellationToken cancellationToken) =>
        connections.RunAsync<IReadOnlyList<DigestSchedule>>(
            async (connection, ct) =>
            {
                await using var command = new NpgsqlCommand(sql, connection);
                bind(command);
                var list = new List<DigestSchedule>();
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    list.Add(new DigestSchedule(
                        reader.GetString(0),
                        reader.GetString(1),
                        reader.GetString(2),
                        reader.GetString(3),
                        reader.GetBoolean(4),
                        reader.GetString(5),
                        PgTime.Read(reader, 6)));
                }

                return list;
            },
            cancellationToken);
}
