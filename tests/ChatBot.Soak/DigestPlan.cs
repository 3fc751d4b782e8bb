using System.Globalization;

namespace ChatBot.Soak;

/// <summary>
/// The digests of a soak run: one Discord and one Slack channel on a seconds-level cron (<c>*/N * * * * *</c>, which
/// configured schedules accept), set through the host's <c>Digests:Schedules</c> settings like any deployment, and
/// which slots fall due in a stretch of time (computed here from the cadence, not with the bot's cron code).
/// </summary>
public sealed class DigestPlan
{
    public const string DiscordChannel = "4400000000000000999";
    public const string SlackChannel = "CSOAKDIGEST";

    public DigestPlan(TimeSpan every)
    {
        var seconds = every.TotalSeconds;
        if (seconds < 1 || seconds > 30 || seconds != Math.Floor(seconds) || 60 % (int)seconds != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(every), every, "The digest cadence is a whole number of seconds that divides 60 (1-30).");
        }

        EverySeconds = (int)seconds;
    }

    public int EverySeconds { get; }

    /// <summary>Seconds minutes hours days months weekdays.</summary>
    public string Cron => string.Create(CultureInfo.InvariantCulture, $"*/{EverySeconds} * * * * *");

    public static string ChannelOf(string platform) => platform == DiscordLoad.Platform ? DiscordChannel : SlackChannel;

    /// <summary>Stories per posted part: small, so that most digests have several parts and a fault can hit one in the middle.</summary>
    public const int StoriesPerPart = 2;

    /// <summary>
    /// The host settings: a schedule per platform, <see cref="StoriesPerPart"/> stories per part, retries after 2 s (doubling)
    /// instead of 30 s to match the cadence, a round every second, and a "nothing new" line so that even an empty window
    /// leaves a post to check.
    /// </summary>
    public IReadOnlyList<string> HostSettings(bool discord, bool slack)
    {
        var settings = new List<string>
        {
            "--Digests:MaxItemsPerPart=" + StoriesPerPart.ToString(CultureInfo.InvariantCulture),
            "--Digests:RetryBaseSeconds=2",
            "--Digests:CheckIntervalSeconds=1",
            "--Digests:NothingNewText=Nothing new since the last digest.",
        };
        var platforms = new List<string>();
        if (discord)
        {
            platforms.Add(DiscordLoad.Platform);
        }

        if (slack)
        {
            platforms.Add(SlackLoad.Platform);
        }

        var index = 0;
        foreach (var platform in platforms)
        {
            var key = string.Create(CultureInfo.InvariantCulture, $"--Digests:Schedules:{index++}:");
            settings.AddRange([key + "Platform=" + platform, key + "Channel=" + ChannelOf(platform), key + "Cron=" + Cron, key + "TimeZone=UTC"]);
        }

        return settings;
    }

    /// <summary>The slots in (<paramref name="after"/>, <paramref name="upTo"/>]: every whole second whose second-of-minute the cadence divides.</summary>
    public IReadOnlyList<DateTimeOffset> DueSlots(DateTimeOffset after, DateTimeOffset upTo)
    {
        var slots = new List<DateTimeOffset>();
        var utc = after.ToUniversalTime();
        var t = new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, utc.Second, TimeSpan.Zero).AddSeconds(1);
        for (; t <= upTo; t = t.AddSeconds(1))
        {
            if (t.Second % EverySeconds == 0)
            {
                slots.Add(t);
            }
        }

        return slots;
    }
}
