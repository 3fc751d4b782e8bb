using System.ComponentModel.DataAnnotations;

namespace ChatBot.Digests.Feeds;

/// <summary>The <c>Feeds</c> section: how often subscribed feeds are polled and when failures are reported.</summary>
public sealed class FeedOptions
{
    public const string SectionName = "Feeds";

    [Range(1, 10080, ErrorMessage = "Feeds:PollIntervalMinutes must be between 1 and 10080.")]
    public int PollIntervalMinutes { get; set; } = 30;

    /// <summary>A random extra delay per poll, so feeds of one site are not all fetched at once.</summary>
    [Range(0, 3600, ErrorMessage = "Feeds:JitterSeconds must be between 0 and 3600.")]
    public int JitterSeconds { get; set; } = 60;

    /// <summary>Failed polls in a row after which the channel gets one notice.</summary>
    [Range(1, 100, ErrorMessage = "Feeds:FailureNoticeAfter must be between 1 and 100.")]
    public int FailureNoticeAfter { get; set; } = 3;

    /// <summary>Post a "recovered" line when a feed that was reported failing works again.</summary>
    public bool NotifyRecovery { get; set; } = true;

    /// <summary>New items ingested per poll at most (the newest first).</summary>
    [Range(1, 500, ErrorMessage = "Feeds:MaxItemsPerPoll must be between 1 and 500.")]
    public int MaxItemsPerPoll { get; set; } = 50;

    /// <summary>How often the poller looks for due feeds.</summary>
    [Range(1, 3600, ErrorMessage = "Feeds:CheckIntervalSeconds must be between 1 and 3600.")]
    public int CheckIntervalSeconds { get; set; } = 30;
}
