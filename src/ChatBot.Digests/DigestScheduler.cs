using ChatBot.Core.Chat;
using ChatBot.Core.Libraries;
using ChatBot.Core.Telemetry;
using ChatBot.Digests.Logging;
using ChatBot.Digests.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Digests;

/// <summary>
/// One round of digest scheduling: retries claims whose lease ran out (a crashed claimer, a failed post whose retry
/// time has come), then for each enabled schedule claims its latest due slot (one catch-up digest when slots were
/// missed) and posts it. The claim row is written before composing and the slot is marked posted after the last part,
/// so restarts, crashes and a second scheduler on the same store neither post a slot twice nor skip it.
/// </summary>
public sealed class DigestScheduler(
    IDigestScheduleStore schedules,
    IDigestPostLog posts,
    IDigestArticleSource articles,
    DigestComposer composer,
    IEnumerable<IChatPublisher> publishers,
    TimeProvider timeProvider,
    IOptions<DigestOptions> options,
    ILogger<DigestScheduler> logger,
    IOptions<LibraryOptions>? libraries = null)
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromHours(1);

    /// <summary>This scheduler's claim owner id.</summary>
    public string InstanceId { get; } = Guid.NewGuid().ToString("N")[..12];

    /// <summary>Writes the configured schedules to the store (a schedule set in chat wins).</summary>
    public async Task ApplyConfiguredSchedulesAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        foreach (var entry in settings.Schedules)
        {
            var zone = string.IsNullOrWhiteSpace(entry.TimeZone) ? settings.DefaultTimeZone : entry.TimeZone.Trim();
            var platform = entry.Platform.Trim().ToLowerInvariant();
            var library = string.IsNullOrWhiteSpace(entry.Library) ? libraries?.Value.Default ?? LibraryNames.Local : entry.Library.Trim();
            if (await schedules.ApplyConfiguredAsync(library, platform, entry.Channel.Trim(), entry.Cron.Trim(), zone, timeProvider.GetUtcNow(), cancellationToken))
            {
                DigestLog.ConfiguredScheduleApplied(logger, platform, entry.Channel, entry.Cron, zone);
            }
        }
    }

    /// <summary>Runs one round; returns the earliest next slot of any schedule (when the scheduler should wake).</summary>
    public async Task<DateTimeOffset?> RunOnceAsync(CancellationToken cancellationToken)
    {
        await RetryExpiredClaimsAsync(cancellationToken);

        DateTimeOffset? wake = null;
        foreach (var schedule in await schedules.ListEnabledAsync(cancellationToken))
        {
            // A replica that does not run this platform (e.g. a Slack-only replica) leaves its slots to one that does.
            if (!CanPublish(schedule.Platform))
            {
                continue;
            }

            try
            {
                var next = await RunScheduleAsync(schedule, cancellationToken);
                if (next is { } n && (wake is null || n < wake))
                {
                    wake = n;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                DigestLog.ScheduleFailed(logger, ex, schedule.Platform, schedule.ChannelId);
            }
        }

        return wake;
    }

    /// <summary>The channel's digest of <paramref name="library"/> as it would be posted now, without claiming a slot or moving the watermark.</summary>
    public async Task<IReadOnlyList<ChatReply>> PreviewAsync(string library, string platform, string channelId, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var schedule = await schedules.GetAsync(platform, channelId, cancellationToken);
        var zone = ZoneOf(schedule?.TimeZone);
        var after = await posts.GetWatermarkAsync(platform, channelId, cancellationToken) ?? now.AddHours(-options.Value.FirstDigestLookbackHours);
        var stories = await BuildStoriesAsync(library, platform, channelId, after, now, cancellationToken);
        return stories.Count == 0 ? [] : await composer.RenderAsync(stories, new DigestHeading(TimeZoneInfo.ConvertTime(now, zone), Preview: true), cancellationToken);
    }

    private bool CanPublish(string platform) =>
        publishers.Any(p => string.Equals(p.Platform, platform, StringComparison.OrdinalIgnoreCase));

    private async Task RetryExpiredClaimsAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        foreach (var expired in await posts.ListRetryableAsync(now, cancellationToken))
        {
            if (!CanPublish(expired.Platform))
            {
                continue;
            }

            try
            {
                var post = await posts.TryReclaimAsync(expired.Id, InstanceId, now, now.AddSeconds(options.Value.LeaseSeconds), cancellationToken);
                if (post is null)
                {
                    continue;
                }

                DigestLog.DigestRetry(logger, post.Slot, post.Platform, post.ChannelId, post.Attempts);
                ChatTelemetry.RecordDigestSlot(post.Platform, "retried");
                var schedule = await schedules.GetAsync(post.Platform, post.ChannelId, cancellationToken);
                await DeliverAsync(post, ZoneOf(schedule?.TimeZone), cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                DigestLog.ScheduleFailed(logger, ex, expired.Platform, expired.ChannelId);
            }
        }
    }

    private async Task<DateTimeOffset?> RunScheduleAsync(DigestSchedule schedule, CancellationToken cancellationToken)
    {
        if (!DigestCron.TryParse(schedule.Cron, out var cron, out var error))
        {
            DigestLog.ScheduleInvalid(logger, schedule.Platform, schedule.ChannelId, error);
            return null;
        }

        if (!DigestCron.TryFindTimeZone(schedule.TimeZone, out var zone))
        {
            DigestLog.ScheduleInvalid(logger, schedule.Platform, schedule.ChannelId, $"unknown time zone {schedule.TimeZone}");
            return null;
        }

        var settings = options.Value;
        var now = timeProvider.GetUtcNow();
        var lastSlot = await posts.GetLastSlotAsync(schedule.Platform, schedule.ChannelId, cancellationToken);
        var anchor = lastSlot is { } last && last > schedule.UpdatedAt ? last : schedule.UpdatedAt;
        var (slot, count) = DigestCron.SlotsBetween(cron, zone, anchor, now);
        if (slot is { } latest)
        {
            // Missed slots are folded into one catch-up digest only when the bot was away. A slot that merely passed
            // while a round was busy (another channel's retries, a slow post) and is not CatchUpAfterMinutes late yet is
            // posted on its own, and the next round starts at once for the slots after it.
            var catchUpAfter = TimeSpan.FromMinutes(settings.CatchUpAfterMinutes);
            var (due, missed) = count > 1 && DigestCron.Next(cron, zone, anchor) is { } earliest && now - earliest <= catchUpAfter
                ? (earliest, 1)
                : (latest, count);
            var catchUp = missed > 1 || now - due > catchUpAfter;
            var post = await posts.TryClaimAsync(
                schedule.Library,
                schedule.Platform,
                schedule.ChannelId,
                due,
                catchUp,
                missed,
                InstanceId,
                now,
                now.AddSeconds(settings.LeaseSeconds),
                now.AddHours(-settings.FirstDigestLookbackHours),
                cancellationToken);
            if (post is null)
            {
                DigestLog.SlotTaken(logger, due, schedule.Platform, schedule.ChannelId);
            }
            else
            {
                DigestLog.SlotClaimed(logger, due, schedule.Platform, schedule.ChannelId, catchUp, missed);
                await DeliverAsync(post, zone, cancellationToken);
            }

            if (due < latest)
            {
                return now;
            }
        }

        return DigestCron.Next(cron, zone, now);
    }

    /// <summary>
    /// Composes the claimed slot's digest and posts the parts not yet posted; on failure, schedules a retry. Posting stops
    /// shortly before the claim's lease runs out (a long rate-limit wait, say): past it another scheduler may take the slot
    /// over, and both would post the same parts. A scheduler that finds its claim taken over stops at once.
    /// </summary>
    private async Task DeliverAsync(DigestPost post, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var leaseLeft = post.LeaseUntil - timeProvider.GetUtcNow() - TimeSpan.FromSeconds(settings.LeaseSeconds / 10.0);
        using var lease = new CancellationTokenSource(leaseLeft > TimeSpan.Zero ? leaseLeft : TimeSpan.Zero, timeProvider);
        using var posting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lease.Token);
        try
        {
            using var budget = CancellationTokenSource.CreateLinkedTokenSource(posting.Token);
            budget.CancelAfter(TimeSpan.FromSeconds(settings.BuildTimeoutSeconds));
            var heading = new DigestHeading(TimeZoneInfo.ConvertTime(post.Slot, zone), post.CatchUp, post.MissedSlots);
            var stories = await BuildStoriesAsync(post.Library, post.Platform, post.ChannelId, post.WindowStart, post.WindowEnd, budget.Token);
            // The overview opens the first part: a retry that already posted it does not ask the model again.
            var parts = stories.Count == 0
                ? composer.NothingNew(heading) is { } line ? [line] : []
                : post.PartsPosted == 0
                    ? await composer.RenderAsync(stories, heading, budget.Token)
                    : composer.Render(stories, heading);
            if (parts.Count > post.PartsPosted)
            {
                var publisher = publishers.FirstOrDefault(p => string.Equals(p.Platform, post.Platform, StringComparison.OrdinalIgnoreCase))
                    ?? throw new InvalidOperationException($"No publisher for platform “{post.Platform}” is running.");
                for (var i = post.PartsPosted; i < parts.Count; i++)
                {
                    var messageId = await publisher.PublishAsync(post.ChannelId, parts[i], posting.Token);
                    if (!await posts.MarkPartPostedAsync(post.Id, InstanceId, i + 1, messageId, CancellationToken.None))
                    {
                        DigestLog.DigestClaimLost(logger, post.Slot, post.Platform, post.ChannelId, i + 1);
                        return;
                    }
                }
            }

            var status = stories.Count > 0 ? DigestPost.Posted : DigestPost.Empty;
            await posts.CompleteAsync(post.Id, InstanceId, status, stories.Count, timeProvider.GetUtcNow(), CancellationToken.None);
            ChatTelemetry.RecordDigestSlot(post.Platform, stories.Count > 0 ? "posted" : "empty");
            if (stories.Count > 0)
            {
                DigestLog.DigestPosted(logger, post.Slot, post.Platform, post.ChannelId, stories.Count, parts.Count);
            }
            else
            {
                DigestLog.DigestEmpty(logger, post.Platform, post.ChannelId, post.Slot);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var now = timeProvider.GetUtcNow();
            var giveUp = post.Attempts >= settings.MaxPostAttempts;
            var delay = TimeSpan.FromSeconds(settings.RetryBaseSeconds * Math.Pow(2, Math.Max(0, post.Attempts - 1)));
            var retryAt = now + (delay > MaxRetryDelay ? MaxRetryDelay : delay);
            await posts.RecordFailureAsync(post.Id, InstanceId, ex.Message, retryAt, giveUp, now, CancellationToken.None);
            ChatTelemetry.RecordDigestSlot(post.Platform, giveUp ? "abandoned" : "failed");
            if (giveUp)
            {
                DigestLog.DigestGaveUp(logger, ex, post.Slot, post.Platform, post.ChannelId, post.Attempts);
            }
            else
            {
                DigestLog.DigestPostFailed(logger, ex, post.Slot, post.Platform, post.ChannelId, post.Attempts, retryAt);
            }
        }
    }

    private async Task<IReadOnlyList<DigestStory>> BuildStoriesAsync(string library, string platform, string channelId, DateTimeOffset after, DateTimeOffset upTo, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var window = await articles.GetWindowAsync(library, platform, channelId, after, upTo, settings.MaxItems * 4, cancellationToken);
        return composer.BuildStories(window, upTo);
    }

    private TimeZoneInfo ZoneOf(string? id) =>
        DigestCron.TryFindTimeZone(id, out var zone) || DigestCron.TryFindTimeZone(options.Value.DefaultTimeZone, out zone) ? zone : TimeZoneInfo.Utc;
}
