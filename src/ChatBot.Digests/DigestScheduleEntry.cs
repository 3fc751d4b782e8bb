namespace ChatBot.Digests;

/// <summary>One configured schedule: <c>{ "Platform": "discord", "Channel": "123", "Cron": "0 8 * * *", "TimeZone": "Europe/Berlin" }</c>.</summary>
public sealed class DigestScheduleEntry
{
    public string Platform { get; set; } = string.Empty;

    public string Channel { get; set; } = string.Empty;

    public string Cron { get; set; } = string.Empty;

    /// <summary>IANA id; empty means <see cref="DigestOptions.DefaultTimeZone"/>.</summary>
    public string? TimeZone { get; set; }
}
