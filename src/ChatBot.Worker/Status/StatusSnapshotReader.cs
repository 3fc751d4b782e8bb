using ChatBot.Core.Libraries;
using ChatBot.Core.Stats;
using ChatBot.Digests;
using ChatBot.Digests.Storage;
using ChatBot.Retrieval.Storage.Sql;
using ChatBot.Worker.Health;
using Microsoft.Extensions.Options;

namespace ChatBot.Worker.Status;

/// <summary>
/// Reads what the status page shows, at each request: the health check, article counts per library (configured
/// libraries with none included), the last day's questions per hour and the week's top gaps (the question log), every
/// feed with its poll state, every enabled digest schedule with its next run. Feeds and schedules exist only where the
/// digest services run, the question log where the stats are kept; without them those parts are empty.
/// </summary>
public sealed class StatusSnapshotReader(
    SqlDatabase database,
    IOptions<LibraryOptions> libraries,
    TimeProvider timeProvider,
    IOptions<StatusPageOptions> options,
    IFeedStore? feeds = null,
    IDigestScheduleStore? schedules = null,
    IChatStats? stats = null,
    IStatsGaps? gaps = null)
{
    private const string CountArticles = "SELECT library, COUNT(*) FROM articles GROUP BY library";
    private const int ChartHours = 24;

    public async Task<StatusSnapshot> ReadAsync(HealthReport health, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(health);
        var now = timeProvider.GetUtcNow();
        return new StatusSnapshot(
            now,
            health.Status,
            health.IndexChunks,
            await LibrariesAsync(cancellationToken),
            await FeedsAsync(cancellationToken),
            await SchedulesAsync(now, cancellationToken),
            await QuestionsAsync(now, cancellationToken),
            await GapsAsync(now, cancellationToken));
    }

    private async Task<IReadOnlyList<LibraryStatus>> LibrariesAsync(CancellationToken cancellationToken)
    {
        var counts = (await database.QueryAsync(CountArticles, [], r => (Library: r.GetString(0), Count: Convert.ToInt32(r.GetValue(1), System.Globalization.CultureInfo.InvariantCulture)), cancellationToken))
            .ToDictionary(c => c.Library, c => c.Count, StringComparer.Ordinal);
        var configured = libraries.Value.Named.Keys.Append(libraries.Value.Default);
        return [.. counts.Keys.Union(configured, StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(name => new LibraryStatus(name, counts.GetValueOrDefault(name)))];
    }

    /// <summary>The counts come oldest first, the last being the current (partial) hour.</summary>
    private async Task<QuestionsPerHour?> QuestionsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (stats is null)
        {
            return null;
        }

        var counts = await stats.QuestionsPerHourAsync(null, now, ChartHours, cancellationToken);
        var currentHour = new DateTimeOffset(now.UtcDateTime.Date.AddHours(now.UtcDateTime.Hour), TimeSpan.Zero);
        return new QuestionsPerHour(currentHour.AddHours(1 - counts.Count), counts);
    }

    private async Task<IReadOnlyList<GapStatus>?> GapsAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        gaps is null
            ? null
            : [.. (await gaps.FindAsync(null, now.AddDays(-7), options.Value.TopGaps, cancellationToken))
                .Select(g => new GapStatus(g.Library, g.Question, g.Count, g.ClosestTitle))];

    private async Task<IReadOnlyList<FeedStatus>> FeedsAsync(CancellationToken cancellationToken) =>
        feeds is null
            ? []
            : [.. (await feeds.ListAllAsync(cancellationToken)).Select(f => new FeedStatus(
                f.Library,
                string.IsNullOrWhiteSpace(f.Title) ? StatusRedaction.Address(f.Url) : f.Title,
                StatusRedaction.Address(f.Url),
                f.Platform,
                StatusRedaction.Channel(f.Platform, f.ChannelId),
                f.FailureCount,
                f.FailingSince,
                StatusRedaction.Problem(f.LastError),
                f.LastPolledAt,
                f.NextPollAt))];

    private async Task<IReadOnlyList<ScheduleStatus>> SchedulesAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        schedules is null
            ? []
            : [.. (await schedules.ListEnabledAsync(cancellationToken))
                .OrderBy(s => s.Library, StringComparer.Ordinal).ThenBy(s => s.Platform, StringComparer.Ordinal)
                .Select(s => new ScheduleStatus(
                    s.Library,
                    s.Platform,
                    StatusRedaction.Channel(s.Platform, s.ChannelId),
                    s.Cron,
                    s.TimeZone,
                    DigestCron.TryParse(s.Cron, out var cron, out _) && DigestCron.TryFindTimeZone(s.TimeZone, out var zone) ? DigestCron.Next(cron, zone, now) : null))];
}
