namespace ChatBot.Digests.Storage;

/// <summary>A channel's digest schedule: a cron expression evaluated in a time zone.</summary>
/// <param name="Origin">"config" (from the Digests section) or "chat" (set with /schedule; wins over config).</param>
public sealed record DigestSchedule(
    string Platform,
    string ChannelId,
    string Cron,
    string TimeZone,
    bool Enabled,
    string Origin,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The library whose articles the digest lists (the channel's library when the schedule was set).</summary>
    public string Library { get; init; } = Core.Libraries.LibraryNames.Local;

    public const string ConfigOrigin = "config";
    public const string ChatOrigin = "chat";
}
