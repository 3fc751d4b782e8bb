using System.Globalization;
using ChatBot.Core.Chat;
using ChatBot.Core.Stats;
using ChatBot.Digests;

namespace ChatBot.Worker.Stats;

/// <summary>
/// <c>/stats</c> (admins of the library; the router checks the rights): the library's last 24 h and 7 days from the
/// question log, a sparkline of the last day's questions per hour, its failing feeds and next digest; <c>/stats gaps</c>:
/// the week's most frequent abstained or 👎 questions, rephrasings counted once, each with the closest article.
/// </summary>
public sealed class StatsCommand(IChatStats stats, IStatsGaps gaps, TimeProvider timeProvider, DigestStatus? digests = null)
{
    /// <summary>Gaps listed by <c>/stats gaps</c>.</summary>
    public const int GapsShown = 10;

    public const string Usage = "Use `/stats` for the last 24 hours and 7 days, or `/stats gaps` for what the library could not answer this week.";

    public async Task<ChatReply> HandleAsync(string library, string argument, CancellationToken cancellationToken) =>
        argument.Trim().ToLowerInvariant() switch
        {
            "" or "summary" => await SummaryAsync(library, cancellationToken),
            "gaps" => await GapsAsync(library, cancellationToken),
            _ => ChatReply.Refusal(Usage),
        };

    private async Task<ChatReply> SummaryAsync(string library, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var day = await stats.SummarizeAsync(library, now.AddDays(-1), now, cancellationToken);
        var week = await stats.SummarizeAsync(library, now.AddDays(-7), now, cancellationToken);
        var hours = await stats.QuestionsPerHourAsync(library, now, 24, cancellationToken);
        var lines = new List<string>
        {
            "**Last 24 h**: " + StatsText.Line(day),
            "**Last 7 days**: " + StatsText.Line(week),
            $"**Questions per hour**, last 24 h: `{StatsText.Sparkline(hours)}` (most in an hour: {hours.Max().ToString(CultureInfo.InvariantCulture)})",
        };
        if (digests is not null)
        {
            var status = await digests.ForLibraryAsync(library, cancellationToken);
            lines.Add(status.Feeds.Count == 0
                ? "**Feeds**: none"
                : $"**Feeds**: {status.Failing.Count.ToString(CultureInfo.InvariantCulture)} of {status.Feeds.Count.ToString(CultureInfo.InvariantCulture)} failing"
                    + (status.Failing.Count == 0 ? string.Empty : ": " + string.Join(", ", status.Failing.Take(5).Select(f => f.DisplayName))));
            lines.Add("**Next digest**: " + (status.Next?.Describe() ?? "none scheduled"));
        }

        return new ChatReply(ReplyKind.Info, string.Join('\n', lines)) { Title = "Stats for library " + library, Ephemeral = true };
    }

    private async Task<ChatReply> GapsAsync(string library, CancellationToken cancellationToken)
    {
        var found = await gaps.FindAsync(library, timeProvider.GetUtcNow().AddDays(-7), GapsShown, cancellationToken);
        var title = "What library " + library + " could not answer this week";
        if (found.Count == 0)
        {
            return new ChatReply(ReplyKind.Info, "No question was abstained on or voted 👎 in the last 7 days.") { Title = title, Ephemeral = true };
        }

        var items = found.Select(g => new ReplyItem(
            g.Question,
            g.ClosestUrl,
            StatsText.Count(g.Count, "time") + (g.Rephrasings.Count == 0 ? string.Empty : " (also: " + string.Join("; ", g.Rephrasings.Select(r => "“" + r + "”")) + ")")
                + "\nClosest article: " + (g.ClosestTitle ?? "none"))).ToList();
        return new ChatReply(ReplyKind.Info, "Most asked first; rephrasings count once. Abstained or 👎 questions:") { Title = title, Items = items, Ephemeral = true };
    }
}
