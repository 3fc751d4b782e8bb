using System.Globalization;
using System.Text;
using ChatBot.Core.Chat;
using ChatBot.Core.Retrieval;
using ChatBot.Digests.Feeds;
using ChatBot.Digests.Logging;
using ChatBot.Digests.Storage;
using ChatBot.Retrieval.Ingestion.Feeds;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Digests;

/// <summary>
/// The chat side of digests and feeds: <c>/digest</c> (preview), <c>/schedule set|off|show</c> and
/// <c>/feeds add|remove|list</c>. Admin rights are checked by the command router before it gets here; every command acts
/// within the request's library (<see cref="ChatRequest.Library"/>, set by the router): a feed or schedule of another
/// library is neither listed, changed nor removed.
/// </summary>
public sealed class DigestCommands(
    DigestScheduler scheduler,
    IDigestScheduleStore schedules,
    IFeedStore feeds,
    TimeProvider timeProvider,
    IOptions<DigestOptions> options,
    ILogger<DigestCommands> logger,
    IFeedClient? client = null)
{
    public const string ScheduleUsage = "Use `/schedule set \"0 8 * * *\" Europe/Berlin`, `/schedule off` or `/schedule show`.";
    public const string FeedsUsage = "Use `/feeds add <url> [channel]`, `/feeds remove <url|id>` or `/feeds list`.";

    public Task<ChatReply> HandleAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Library is null)
        {
            throw new ArgumentException("The command router sets the request's library first.", nameof(request));
        }

        return request.Command switch
        {
            ChatCommand.Digest => PreviewAsync(request, cancellationToken),
            ChatCommand.Schedule => ScheduleAsync(request, cancellationToken),
            ChatCommand.Feeds => FeedsAsync(request, cancellationToken),
            _ => throw new ArgumentException($"{request.Command} is not a digest command.", nameof(request)),
        };
    }

    private async Task<ChatReply> PreviewAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        var parts = await scheduler.PreviewAsync(request.Library!, request.Platform, request.ChannelId, cancellationToken);
        if (parts.Count == 0)
        {
            return ChatReply.Info("Nothing new since the last digest.");
        }

        var first = parts[0];
        var more = parts.Skip(1).Sum(p => p.Items.Count);
        return more == 0
            ? first with { Note = parts[^1].Note }
            : first with { Title = parts[0].Title?.Split(" (1/", 2)[0], Note = string.Create(CultureInfo.InvariantCulture, $"{parts[^1].Note} {more} more stories will be in the posted digest.") };
    }

    private async Task<ChatReply> ScheduleAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        var (verb, rest) = SplitVerb(request.Argument);
        switch (verb)
        {
            case "set":
                if (!DigestCron.TryParseScheduleArgument(rest, options.Value.DefaultTimeZone, out var cron, out var zoneId, out var error))
                {
                    return ChatReply.Refusal(error + " " + ScheduleUsage);
                }

                if (!DigestCron.TryParse(cron, out var expression, out error) || !DigestCron.TryFindTimeZone(zoneId, out var zone))
                {
                    return ChatReply.Refusal(error + " " + ScheduleUsage);
                }

                var now = timeProvider.GetUtcNow();
                var next = DigestCron.Next(expression, zone, now);
                if (next is null)
                {
                    return ChatReply.Refusal($"“{cron}” never fires. " + ScheduleUsage);
                }

                var after = DigestCron.Next(expression, zone, next.Value);
                var minimum = TimeSpan.FromMinutes(options.Value.MinimumIntervalMinutes);
                if (after is { } a && a - next.Value < minimum)
                {
                    return ChatReply.Refusal(string.Create(CultureInfo.InvariantCulture, $"That is too often: digests can be at most every {options.Value.MinimumIntervalMinutes} minutes."));
                }

                await schedules.SetAsync(request.Library!, request.Platform, request.ChannelId, cron, zoneId, now, cancellationToken);
                DigestLog.ScheduleSet(logger, request.Platform, request.ChannelId, cron, zoneId);
                return ChatReply.Info($"Digest schedule set: `{cron}` in {zoneId}. Next digest: {DigestCron.Describe(next.Value, zone)}.");

            case "off" or "stop" or "disable":
                var disabled = await schedules.DisableAsync(request.Library!, request.Platform, request.ChannelId, timeProvider.GetUtcNow(), cancellationToken);
                return ChatReply.Info(disabled ? "Daily digest turned off for this channel." : "This channel has no digest schedule.");

            case "show" or "" or "status":
                return await ShowScheduleAsync(request, cancellationToken);

            default:
                return ChatReply.Refusal(ScheduleUsage);
        }
    }

    private async Task<ChatReply> ShowScheduleAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        var schedule = await schedules.GetAsync(request.Platform, request.ChannelId, cancellationToken);
        if (schedule is null || !schedule.Enabled || schedule.Library != request.Library)
        {
            return ChatReply.Info("This channel has no digest schedule. " + ScheduleUsage);
        }

        if (!DigestCron.TryParse(schedule.Cron, out var cron, out var error) || !DigestCron.TryFindTimeZone(schedule.TimeZone, out var zone))
        {
            return ChatReply.Info($"This channel's schedule `{schedule.Cron}` ({schedule.TimeZone}) is invalid: {error}");
        }

        var next = DigestCron.Next(cron, zone, timeProvider.GetUtcNow());
        var origin = schedule.Origin == DigestSchedule.ConfigOrigin ? " (from configuration)" : string.Empty;
        return ChatReply.Info($"Digest schedule: `{schedule.Cron}` in {schedule.TimeZone}{origin}. Next digest: {(next is { } n ? DigestCron.Describe(n, zone) : "never")}.");
    }

    private async Task<ChatReply> FeedsAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        var (verb, rest) = SplitVerb(request.Argument);
        switch (verb)
        {
            case "add" or "subscribe":
                var args = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (args.Length is 0 or > 2 || !Uri.TryCreate(args[0].Trim('<', '>'), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
                {
                    return ChatReply.Refusal("Give the feed's http(s) URL. " + FeedsUsage);
                }

                var channel = args.Length == 2 ? NormalizeChannel(args[1]) : request.ChannelId;
                if (channel != request.ChannelId && request.Platform == "discord")
                {
                    // One bot serves many Discord servers and a channel id does not say whose it is: another channel
                    // could belong to another server, which would then receive this feed's posts and notices.
                    return ChatReply.Refusal("On Discord a feed is added from the channel it posts to: run `/feeds add <url>` there.");
                }

                FeedFetchResult? read = null;
                try
                {
                    // The same reader as the poller: a URL that is not a feed is refused now, with its cause.
                    read = client is null ? null : await client.FetchAsync(url, null, null, cancellationToken);
                }
                catch (IngestionException ex)
                {
                    return ChatReply.Refusal($"Not subscribed: {ex.Message}");
                }

                var (feed, created) = await feeds.AddAsync(request.Library!, url.AbsoluteUri, request.Platform, channel, timeProvider.GetUtcNow(), cancellationToken);
                if (feed.Library != request.Library)
                {
                    return ChatReply.Refusal($"That channel is already subscribed to this feed in another library; only that library's admins can change it.");
                }

                if (!created)
                {
                    return ChatReply.Info($"Already subscribed: #{feed.Id} {feed.Url}.");
                }

                DigestLog.FeedAdded(logger, request.Platform, channel, feed.Id, feed.Url);
                var where = channel == request.ChannelId ? "this channel" : "channel " + channel;
                var found = string.Empty;
                if (read is not null)
                {
                    await feeds.RecordSuccessAsync(feed.Id, null, null, read.Title, cancellationToken);
                    var title = string.IsNullOrWhiteSpace(read.Title) ? string.Empty : $"“{read.Title.Trim()}”, ";
                    found = string.Create(CultureInfo.InvariantCulture, $" ({title}{read.Items.Count} {(read.Items.Count == 1 ? "item" : "items")} now{(read.Warning is null ? string.Empty : "; warning: " + read.Warning)})");
                }

                return ChatReply.Info($"Subscribed {where} to feed #{feed.Id} {feed.Url}{found}. Its new articles go into {where}'s digest.");

            case "remove" or "rm" or "delete" or "unsubscribe":
                if (rest.Length == 0)
                {
                    return ChatReply.Refusal("Remove which feed? Give its URL or number (see /feeds list).");
                }

                var removed = await feeds.RemoveAsync(request.Library!, request.Platform, request.ChannelId, rest.Trim('<', '>'), cancellationToken);
                return removed.Count == 0
                    ? ChatReply.Refusal($"No feed matches “{rest}”. See /feeds list.")
                    : ChatReply.Info("Unsubscribed: " + string.Join(", ", removed.Select(f => $"#{f.Id} {f.Url}")) + ".");

            case "list" or "" or "show":
                var list = await feeds.ListAsync(request.Library!, request.Platform, request.ChannelId, cancellationToken);
                if (list.Count == 0)
                {
                    return ChatReply.Info($"This channel has no feeds in library {request.Library}; its digest covers every article newly indexed there. " + FeedsUsage);
                }

                var items = list.Select(f => new ReplyItem($"#{f.Id} {f.DisplayName}", f.Url, Status(f))).ToList();
                return new ChatReply(ReplyKind.Info, string.Create(CultureInfo.InvariantCulture, $"{list.Count} {(list.Count == 1 ? "feed" : "feeds")} for this channel in library {request.Library}:")) { Items = items };

            default:
                return ChatReply.Refusal(FeedsUsage);
        }
    }

    private static string Status(Feed feed)
    {
        var text = new StringBuilder();
        if (feed.FailureCount > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"failing since {feed.FailingSince:yyyy-MM-dd HH:mm} UTC ({feed.FailureCount}×): {feed.LastError}");
        }
        else
        {
            text.Append(feed.LastPolledAt is { } at ? string.Create(CultureInfo.InvariantCulture, $"ok, last polled {at:yyyy-MM-dd HH:mm} UTC") : "not polled yet");
            if (!string.IsNullOrWhiteSpace(feed.LastError))
            {
                text.Append(" — warning: ").Append(feed.LastError);
            }
        }

        return text.ToString();
    }

    /// <summary>Discord "&lt;#123&gt;" and Slack "&lt;#C123|name&gt;" channel mentions become the channel id.</summary>
    private static string NormalizeChannel(string text)
    {
        var channel = text.Trim().Trim('<', '>').TrimStart('#');
        var bar = channel.IndexOf('|', StringComparison.Ordinal);
        return bar > 0 ? channel[..bar] : channel;
    }

    private static (string Verb, string Remainder) SplitVerb(string argument)
    {
        var text = argument.Trim();
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? (text.ToLowerInvariant(), string.Empty) : (text[..space].ToLowerInvariant(), text[(space + 1)..].Trim());
    }
}
