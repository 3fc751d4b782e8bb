namespace ChatBot.Digests;

/// <summary>One configured schedule: <c>{ "Platform": "discord", "Channel": "123", "Cron": "0 8 * * *", "TimeZone": "Europe/Berlin" }</c>.</summary>
public sealed class DigestScheduleEntry
{
    public string Platform { get; set; } = string.Empty;

    public string Channel { get; set; } = string.Empty;

    public string Cron { get; set; } = string.Empty;

    /// <summary>
    /// The library whose articles the digest lists; empty means <c>Libraries:Default</c>. A Discord server's own library
    /// is <c>discord:&lt;guild id&gt;</c>, a Slack workspace's <c>slack:&lt;team id&gt;</c>.
    /// </summary>
    public string? Library { get; set; }

    /// <summary>IANA id; empty means <see cref="DigestOptions.DefaultTimeZone"/>.</summary>
    public string? TimeZone { get; set; }
}
