namespace ChatBot.Digests.Storage;

/// <summary>Per-channel digest schedules. A schedule set in chat (including "off") wins over configuration.</summary>
public interface IDigestScheduleStore
{
    /// <summary>Sets a channel's schedule from chat; its digest reads <paramref name="library"/>.</summary>
    Task SetAsync(string library, string platform, string channelId, string cron, string timeZone, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Applies a configured schedule unless the channel's schedule was set in chat; returns whether it changed.</summary>
    Task<bool> ApplyConfiguredAsync(string library, string platform, string channelId, string cron, string timeZone, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Turns a channel's digest of <paramref name="library"/> off (kept as a row, so configuration does not turn it back on).</summary>
    Task<bool> DisableAsync(string library, string platform, string channelId, DateTimeOffset now, CancellationToken cancellationToken);

    Task<DigestSchedule?> GetAsync(string platform, string channelId, CancellationToken cancellationToken);

    Task<IReadOnlyList<DigestSchedule>> ListEnabledAsync(CancellationToken cancellationToken);
}
