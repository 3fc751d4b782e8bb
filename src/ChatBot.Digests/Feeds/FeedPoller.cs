using System.Globalization;
using ChatBot.Core.Chat;
using ChatBot.Core.Model;
using ChatBot.Core.Retrieval;
using ChatBot.Core.Telemetry;
using ChatBot.Digests.Logging;
using ChatBot.Digests.Storage;
using ChatBot.Retrieval.Ingestion.Feeds;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Digests.Feeds;

/// <summary>
/// One round of feed polling: each due feed is claimed (its next poll time moved, so two pollers do not fetch it
/// twice), fetched with a conditional GET, and its new items (by key, per feed) indexed. Failures are counted;
/// after <see cref="FeedOptions.FailureNoticeAfter"/> in a row the channel gets one short notice, and a line when
/// the feed works again. One failing feed never stops the others.
/// </summary>
public sealed class FeedPoller(
    IFeedStore feeds,
    IFeedItemIngestor ingestor,
    IEnumerable<IChatPublisher> publishers,
    TimeProvider timeProvider,
    IOptions<FeedOptions> options,
    ILogger<FeedPoller> logger,
    IFeedClient? client = null)
{
    private bool _reportedNoClient;

    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        if (client is null)
        {
            if (!_reportedNoClient)
            {
                _reportedNoClient = true;
                DigestLog.NoFeedClient(logger);
            }

            return;
        }

        foreach (var feed in await feeds.ListDueAsync(timeProvider.GetUtcNow(), cancellationToken))
        {
            try
            {
                await PollAsync(client, feed, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                DigestLog.FeedPollCrashed(logger, ex, feed.Id, feed.Url);
            }
        }
    }

    private async Task PollAsync(IFeedClient client, Feed feed, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = timeProvider.GetUtcNow();
        var jitter = settings.JitterSeconds == 0 ? 0 : Random.Shared.Next(0, settings.JitterSeconds + 1);
        if (!await feeds.TryClaimPollAsync(feed.Id, now, now.AddMinutes(settings.PollIntervalMinutes).AddSeconds(jitter), cancellationToken))
        {
            return;
        }

        FeedFetchResult result;
        try
        {
            result = await client.FetchAsync(new Uri(feed.Url), feed.ETag, feed.LastModified, cancellationToken);
        }
        catch (Exception ex) when (ex is IngestionException or HttpRequestException or UriFormatException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            ChatTelemetry.RecordFeedPoll(ok: false);
            await RecordFailureAsync(feed, ex.Message, now, cancellationToken);
            return;
        }

        ChatTelemetry.RecordFeedPoll(ok: true);

        // A changed feed's new ETag/Last-Modified are stored only once all its new items are in (below): if an item
        // fails or the host stops halfway, the next poll sends the old validators and sees those items again.
        await feeds.RecordSuccessAsync(feed.Id, result.NotModified ? result.ETag : null, result.NotModified ? result.LastModified : null, result.Title, cancellationToken);
        if (feed.FailureCount > 0)
        {
            DigestLog.FeedRecovered(logger, feed.Id, feed.Url, feed.FailureCount);
            if (feed.FailureNotified && settings.NotifyRecovery)
            {
                var since = feed.FailingSince is { } s ? " (failing since " + Format(s) + ")" : string.Empty;
                await NotifyAsync(feed, $"Feed {Name(feed, result.Title)} has recovered{since}.", cancellationToken);
            }
        }

        if (result.NotModified)
        {
            DigestLog.FeedNotModified(logger, feed.Id, feed.Url);
            return;
        }

        var candidates = result.Items
            .Where(i => !string.IsNullOrWhiteSpace(i.Key))
            .OrderByDescending(i => i.PublishedAt ?? DateTimeOffset.MinValue)
            .Take(settings.MaxItemsPerPoll)
            .ToList();
        var known = await feeds.FindKnownItemsAsync(feed.Id, candidates.Select(i => i.Key).ToList(), cancellationToken);
        int added = 0, failed = 0;
        foreach (var item in candidates.Where(i => !known.Contains(i.Key)).DistinctBy(i => i.Key).Reverse())
        {
            try
            {
                var ingested = await ingestor.IngestAsync(feed, item, cancellationToken);
                if (ingested.Outcome == IngestOutcome.Failed || ingested.Article is null)
                {
                    failed++;
                    DigestLog.FeedItemFailed(logger, feed.Id, item.Key, ingested.Error ?? "not indexed");
                    continue;
                }

                if (await feeds.AddItemAsync(feed.Id, item.Key, ingested.Article.Id, timeProvider.GetUtcNow(), cancellationToken))
                {
                    added++;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failed++;
                DigestLog.FeedItemFailed(logger, feed.Id, item.Key, ex.Message);
            }
        }

        if (failed == 0)
        {
            await feeds.RecordSuccessAsync(feed.Id, result.ETag, result.LastModified, null, cancellationToken);
        }

        // What the reader had to mend (a wrong encoding label, damage after the last item kept) shows in /feeds list.
        await feeds.RecordWarningAsync(feed.Id, Shorten(result.Warning), cancellationToken);

        DigestLog.FeedPolled(logger, feed.Id, feed.Url, added, failed);
    }

    private async Task RecordFailureAsync(Feed feed, string error, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var shortError = Shorten(error);
        var updated = await feeds.RecordFailureAsync(feed.Id, shortError, now, cancellationToken);
        if (updated is null)
        {
            return;
        }

        DigestLog.FeedFailed(logger, feed.Id, feed.Url, updated.FailureCount, shortError);
        if (updated.FailureCount >= options.Value.FailureNoticeAfter && !updated.FailureNotified
            && await feeds.TryMarkFailureNotifiedAsync(feed.Id, cancellationToken))
        {
            var since = Format(updated.FailingSince ?? now);
            if (!await NotifyAsync(updated, $"Feed {updated.DisplayName} failing since {since}: {shortError}", cancellationToken))
            {
                await feeds.UnmarkFailureNotifiedAsync(feed.Id, cancellationToken);
            }
        }
    }

    private async Task<bool> NotifyAsync(Feed feed, string text, CancellationToken cancellationToken)
    {
        try
        {
            var publisher = publishers.FirstOrDefault(p => string.Equals(p.Platform, feed.Platform, StringComparison.OrdinalIgnoreCase))
                ?? throw new InvalidOperationException($"No publisher for platform “{feed.Platform}” is running.");
            await publisher.PublishAsync(feed.ChannelId, ChatReply.Info(text), cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            DigestLog.FeedNoticeFailed(logger, ex, feed.Id, feed.Platform, feed.ChannelId);
            return false;
        }
    }

    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    private static string? Shorten(string? text) => text is { Length: > 200 } ? text[..200] + "…" : text;

    private static string Name(Feed feed, string? fetchedTitle) =>
        string.IsNullOrWhiteSpace(feed.Title) ? string.IsNullOrWhiteSpace(fetchedTitle) ? feed.Url : fetchedTitle.Trim() : feed.Title;

    private static string Format(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
