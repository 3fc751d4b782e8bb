using Microsoft.Extensions.Logging;

namespace ChatBot.Digests.Logging;

/// <summary>Digest and feed log messages (event ids 4000-4999).</summary>
internal static partial class DigestLog
{
    [LoggerMessage(4000, LogLevel.Information, "Digest scheduler {Instance} started: {Schedules} schedules")]
    public static partial void SchedulerStarted(ILogger logger, string instance, int schedules);

    [LoggerMessage(4001, LogLevel.Information, "Configured digest schedule applied for {Platform}/{Channel}: {Cron} ({TimeZone})")]
    public static partial void ConfiguredScheduleApplied(ILogger logger, string platform, string channel, string cron, string timeZone);

    [LoggerMessage(4002, LogLevel.Information, "Claimed digest slot {Slot} for {Platform}/{Channel} (catch-up: {CatchUp}, missed slots: {Missed})")]
    public static partial void SlotClaimed(ILogger logger, DateTimeOffset slot, string platform, string channel, bool catchUp, int missed);

    [LoggerMessage(4003, LogLevel.Debug, "Digest slot {Slot} for {Platform}/{Channel} is already claimed by another scheduler")]
    public static partial void SlotTaken(ILogger logger, DateTimeOffset slot, string platform, string channel);

    [LoggerMessage(4004, LogLevel.Information, "Posted digest slot {Slot} to {Platform}/{Channel}: {Stories} stories in {Parts} parts")]
    public static partial void DigestPosted(ILogger logger, DateTimeOffset slot, string platform, string channel, int stories, int parts);

    [LoggerMessage(4005, LogLevel.Information, "Nothing new for {Platform}/{Channel} at slot {Slot}")]
    public static partial void DigestEmpty(ILogger logger, string platform, string channel, DateTimeOffset slot);

    [LoggerMessage(4006, LogLevel.Warning, "Posting digest slot {Slot} to {Platform}/{Channel} failed (attempt {Attempt}); retrying at {RetryAt}")]
    public static partial void DigestPostFailed(ILogger logger, Exception exception, DateTimeOffset slot, string platform, string channel, int attempt, DateTimeOffset retryAt);

    [LoggerMessage(4007, LogLevel.Error, "Gave up posting digest slot {Slot} to {Platform}/{Channel} after {Attempts} attempts; its stories roll into the next digest")]
    public static partial void DigestGaveUp(ILogger logger, Exception exception, DateTimeOffset slot, string platform, string channel, int attempts);

    [LoggerMessage(4008, LogLevel.Information, "Retrying digest slot {Slot} for {Platform}/{Channel} (attempt {Attempt})")]
    public static partial void DigestRetry(ILogger logger, DateTimeOffset slot, string platform, string channel, int attempt);

    [LoggerMessage(4009, LogLevel.Error, "Digest schedule of {Platform}/{Channel} failed this round")]
    public static partial void ScheduleFailed(ILogger logger, Exception exception, string platform, string channel);

    [LoggerMessage(4010, LogLevel.Warning, "Digest schedule of {Platform}/{Channel} is invalid and skipped: {Error}")]
    public static partial void ScheduleInvalid(ILogger logger, string platform, string channel, string error);

    [LoggerMessage(4011, LogLevel.Error, "Digest scheduler round failed")]
    public static partial void SchedulerRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(4012, LogLevel.Warning, "Digest slot {Slot} for {Platform}/{Channel}: another scheduler took the slot over while part {Part} was being posted; this one stops")]
    public static partial void DigestClaimLost(ILogger logger, DateTimeOffset slot, string platform, string channel, int part);

    [LoggerMessage(4020, LogLevel.Information, "Feed poller started: every {Minutes} min (+ up to {Jitter} s jitter)")]
    public static partial void PollerStarted(ILogger logger, int minutes, int jitter);

    [LoggerMessage(4021, LogLevel.Information, "Feed {FeedId} {Url}: {New} new items, {Failed} failed")]
    public static partial void FeedPolled(ILogger logger, long feedId, string url, int @new, int failed);

    [LoggerMessage(4022, LogLevel.Debug, "Feed {FeedId} {Url} not modified")]
    public static partial void FeedNotModified(ILogger logger, long feedId, string url);

    [LoggerMessage(4023, LogLevel.Warning, "Feed {FeedId} {Url} failed ({Failures} in a row): {Error}")]
    public static partial void FeedFailed(ILogger logger, long feedId, string url, int failures, string error);

    [LoggerMessage(4024, LogLevel.Information, "Feed {FeedId} {Url} recovered after {Failures} failures")]
    public static partial void FeedRecovered(ILogger logger, long feedId, string url, int failures);

    [LoggerMessage(4025, LogLevel.Warning, "Feed {FeedId} item {Key} could not be indexed: {Error}")]
    public static partial void FeedItemFailed(ILogger logger, long feedId, string key, string error);

    [LoggerMessage(4026, LogLevel.Error, "Polling feed {FeedId} {Url} failed unexpectedly")]
    public static partial void FeedPollCrashed(ILogger logger, Exception exception, long feedId, string url);

    [LoggerMessage(4027, LogLevel.Warning, "Could not post the notice about feed {FeedId} to {Platform}/{Channel}")]
    public static partial void FeedNoticeFailed(ILogger logger, Exception exception, long feedId, string platform, string channel);

    [LoggerMessage(4028, LogLevel.Error, "Feed poller round failed")]
    public static partial void PollerRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(4029, LogLevel.Warning, "No feed client is registered: subscribed feeds are not polled")]
    public static partial void NoFeedClient(ILogger logger);

    [LoggerMessage(4030, LogLevel.Information, "{Platform}/{Channel}: digest schedule set to {Cron} ({TimeZone})")]
    public static partial void ScheduleSet(ILogger logger, string platform, string channel, string cron, string timeZone);

    [LoggerMessage(4031, LogLevel.Information, "{Platform}/{Channel}: subscribed to feed {FeedId} {Url}")]
    public static partial void FeedAdded(ILogger logger, string platform, string channel, long feedId, string url);

    [LoggerMessage(4032, LogLevel.Warning, "The digest overview could not be written; the digest is posted without it")]
    public static partial void DigestOverviewFailed(ILogger logger, Exception exception);
}
