using ChatBot.Digests.Feeds;
using ChatBot.Digests.Storage;

namespace ChatBot.Digests;

/// <summary>How a library's feeds and digests are doing: its feeds, the failing ones, and its next scheduled digest.</summary>
public sealed class DigestStatus(IFeedStore feeds, IDigestScheduleStore schedules, TimeProvider timeProvider)
{
    public async Task<LibraryDigestStatus> ForLibraryAsync(string library, CancellationToken cancellationToken)
    {
        var all = await feeds.ListLibraryAsync(library, cancellationToken);
        var now = timeProvider.GetUtcNow();
        NextDigest? next = null;
        foreach (var schedule in await schedules.ListEnabledAsync(cancellationToken))
        {
            if (schedule.Library == library
                && DigestCron.TryParse(schedule.Cron, out var cron, out _)
                && DigestCron.TryFindTimeZone(schedule.TimeZone, out var zone)
                && DigestCron.Next(cron, zone, now) is { } at
                && (next is null || at < next.At))
            {
                next = new NextDigest(at, zone, schedule.Platform, schedule.ChannelId);
            }
        }

        return new LibraryDigestStatus(all, all.Where(f => f.FailureCount > 0).ToList(), next);
    }
}

/// <summary>A library's feeds (all, and those whose last polls failed) and its next digest (null: none scheduled).</summary>
public sealed record LibraryDigestStatus(IReadOnlyList<Feed> Feeds, IReadOnlyList<Feed> Failing, NextDigest? Next);

/// <summary>When and where the next digest is posted; <see cref="Describe"/> says it in the schedule's time zone.</summary>
public sealed record NextDigest(DateTimeOffset At, TimeZoneInfo Zone, string Platform, string ChannelId)
{
    public string Describe() => DigestCron.Describe(At, Zone);
}
