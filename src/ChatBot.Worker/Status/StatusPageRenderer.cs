using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace ChatBot.Worker.Status;

/// <summary>
/// The status page as one server-rendered HTML document: no script, no external resource, every text from the store
/// (article titles, feed titles, questions are hostile input) HTML-encoded.
/// </summary>
public static class StatusPageRenderer
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private const string Style = """
        body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;max-width:1100px}
        h1{font-size:20px}h2{font-size:16px;margin-top:28px}
        table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #ddd;vertical-align:top}
        .ok{color:#17692a}.failing{color:#b3261e;font-weight:600}.warn{color:#8a5a00}
        .bar{fill:#3b6fb6}.axis{font-size:10px;fill:#555}.base{stroke:#999}.muted{color:#666}
        """;

    public static string Render(StatusSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>ChatBot status</title>");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><style>").Append(Style).Append("</style></head><body>");
        html.Append("<h1>ChatBot status</h1>");
        html.Append(CultureInfo.InvariantCulture, $"<p id=\"summary\">Health: <strong id=\"health\" class=\"{(snapshot.Health == "ready" ? "ok" : "failing")}\">{E(snapshot.Health)}</strong>")
            .Append(CultureInfo.InvariantCulture, $" · {snapshot.IndexChunks} passages in memory · generated {Time(snapshot.GeneratedAt)}</p>");
        Libraries(html, snapshot.Libraries);
        Questions(html, snapshot.Questions);
        Gaps(html, snapshot.Gaps);
        Feeds(html, snapshot.Feeds);
        Schedules(html, snapshot.Schedules);
        return html.Append("</body></html>").ToString();
    }

    private static void Libraries(StringBuilder html, IReadOnlyList<LibraryStatus> libraries)
    {
        html.Append("<h2>Libraries</h2><table id=\"libraries\"><thead><tr><th>Library</th><th>Articles</th></tr></thead><tbody>");
        foreach (var library in libraries)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr data-library=\"{E(library.Name)}\" data-articles=\"{library.Articles}\"><td>{E(library.Name)}</td><td>{library.Articles}</td></tr>");
        }

        html.Append("</tbody></table>");
    }

    private static void Questions(StringBuilder html, QuestionsPerHour? questions)
    {
        html.Append("<h2>Questions, last day</h2><div id=\"questions\">");
        html.Append(questions is null
            ? "<p class=\"muted\">The question log is not kept here.</p>"
            : $"<p>{questions.Total} questions in the last {questions.Counts.Count} hours (UTC).</p>{QuestionsChart.Render(questions)}");
        html.Append("</div>");
    }

    private static void Gaps(StringBuilder html, IReadOnlyList<GapStatus>? gaps)
    {
        html.Append("<h2>What the library could not answer (7 days)</h2><div id=\"gaps\">");
        if (gaps is null || gaps.Count == 0)
        {
            html.Append(gaps is null ? "<p class=\"muted\">The question log is not kept here.</p>" : "<p class=\"muted\">Nothing: every question was answered.</p>");
        }
        else
        {
            html.Append("<ol>");
            foreach (var gap in gaps)
            {
                var closest = gap.ClosestArticle is null ? "no close article" : "closest article: " + E(gap.ClosestArticle);
                html.Append(CultureInfo.InvariantCulture, $"<li data-times=\"{gap.Times}\">{E(gap.Question)} <span class=\"muted\">({gap.Times}×, {E(gap.Library)}; {closest})</span></li>");
            }

            html.Append("</ol>");
        }

        html.Append("</div>");
    }

    private static void Feeds(StringBuilder html, IReadOnlyList<FeedStatus> feeds)
    {
        html.Append("<h2>Feeds</h2><table id=\"feeds\"><thead><tr><th>Feed</th><th>Library</th><th>Channel</th><th>Status</th><th>Last poll</th><th>Next poll</th></tr></thead><tbody>");
        foreach (var feed in feeds)
        {
            var status = feed.Failures > 0
                ? $"<span class=\"failing\">failing</span> since {Time(feed.FailingSince)} ({feed.Failures} failed poll{(feed.Failures == 1 ? string.Empty : "s")}){(feed.Problem is null ? string.Empty : ": " + E(feed.Problem))}"
                : feed.Problem is null ? "<span class=\"ok\">ok</span>" : $"<span class=\"warn\">ok, with a warning</span>: {E(feed.Problem)}";
            html.Append(CultureInfo.InvariantCulture, $"<tr data-status=\"{(feed.Failures > 0 ? "failing" : "ok")}\"><td>{E(feed.Title)}<br><span class=\"muted\">{E(feed.Address)}</span></td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{E(feed.Library)}</td><td>{E(feed.Platform)} {E(feed.Channel)}</td><td>{status}</td><td>{Time(feed.LastPolledAt)}</td><td>{Time(feed.NextPollAt)}</td></tr>");
        }

        html.Append("</tbody></table>");
    }

    private static void Schedules(StringBuilder html, IReadOnlyList<ScheduleStatus> schedules)
    {
        html.Append("<h2>Digest schedules</h2><table id=\"schedules\"><thead><tr><th>Library</th><th>Channel</th><th>Schedule</th><th>Next run</th></tr></thead><tbody>");
        foreach (var schedule in schedules)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(schedule.Library)}</td><td>{E(schedule.Platform)} {E(schedule.Channel)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td><code>{E(schedule.Cron)}</code> {E(schedule.TimeZone)}</td><td>{(schedule.NextRun is null ? "<span class=\"failing\">cannot be read</span>" : Time(schedule.NextRun))}</td></tr>");
        }

        html.Append("</tbody></table>");
    }

    private static string E(string text) => Encoder.Encode(text);

    private static string Time(DateTimeOffset? instant) =>
        instant is { } t ? t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "—";
}
