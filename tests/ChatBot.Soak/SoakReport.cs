using System.Globalization;
using System.Text;

namespace ChatBot.Soak;

/// <summary>Everything one soak run measured, and its rendering as Markdown tables.</summary>
public sealed class SoakReport
{
    public required SoakOptions Options { get; init; }

    public List<PlatformStats> Platforms { get; } = [];

    public List<FaultRecord> Faults { get; } = [];

    public List<FuzzCaseResult> Fuzz { get; } = [];

    /// <summary>The digest slots of each platform (empty when the run had no digests).</summary>
    public List<DigestSlotStats> Digests { get; } = [];

    /// <summary>Articles ingested while the load ran, so that every digest window has stories.</summary>
    public int BulletinsIngested { get; set; }

    public KillDrillResult? KillDrill { get; set; }

    /// <summary>PostgreSQL: which server the run used.</summary>
    public string? PostgresServer { get; set; }

    /// <summary>With several replicas: the Slack replies each one posted (replica 1 first).</summary>
    public List<int> SlackRepliesByReplica { get; } = [];

    /// <summary>With several replicas: Slack events also sent at once to a second connection (often another replica's).</summary>
    public int SlackSentTwice { get; set; }

    public StoreCheck? StoreAfterLoad { get; set; }

    public int QuestionsSent { get; set; }

    public TimeSpan LoadDuration { get; set; }

    public long WorkingSetBytes { get; set; }

    public long ManagedHeapBytes { get; set; }

    public bool HostAlive { get; set; } = true;

    public int Lost => Platforms.Where(p => p.Platform != "all").Sum(p => p.Lost);

    public int Doubled => Platforms.Where(p => p.Platform != "all").Sum(p => p.Doubled);

    public bool Passed =>
        Lost == 0 && Doubled == 0 && HostAlive
        && Platforms.All(p => p.AckedInTime == p.Questions)
        && (StoreAfterLoad?.Consistent ?? true)
        && (KillDrill?.Passed ?? true)
        && Fuzz.All(f => f.Passed)
        && Faults.All(f => f.Recovered == f.Injected)
        && Digests.All(d => d.Passed);

    public string ToMarkdown()
    {
        var c = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        s.AppendLine(c, $"Load: {Options.Rate:0.#} q/s offered for {Options.Seconds} s ({QuestionsSent} questions, sent in {LoadDuration.TotalSeconds:0.0} s), faults: {(Options.Faults.Count == 0 ? "none" : string.Join(", ", Options.Faults))}");
        s.AppendLine();
        if (Options.Storage == SoakStorage.Postgres)
        {
            s.AppendLine(c, $"Storage: PostgreSQL ({PostgresServer ?? "?"}, a fresh database per store), {Options.Replicas} replica(s){(Options.Replicas > 1 ? " (replica 1: Discord and Slack; the others: Slack, each with its own Socket Mode connections)" : string.Empty)}.");
            s.AppendLine();
        }

        s.AppendLine("| platform | questions | acked ≤ 3 s | ack p99 | answered | busy (polite) | failed (ref) | lost | answered twice | answer p50 | answer p99 | redelivered |");
        s.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var p in Platforms)
        {
            s.AppendLine(c, $"| {p.Platform} | {p.Questions} | {p.AckedInTimeShare:P1} ({p.AckedInTime}) | {Ms(p.AckP99)} | {p.Answered} | {p.Busy} | {p.Failed} | {p.Lost} | {p.Doubled} | {Ms(p.AnswerP50)} | {Ms(p.AnswerP99)} | {p.Redelivered} |");
        }

        if (SlackRepliesByReplica.Count > 0)
        {
            s.AppendLine();
            s.AppendLine(c, $"Slack replies by replica: {string.Join(", ", SlackRepliesByReplica.Select((n, i) => string.Create(c, $"replica {i + 1}: {n}")))}; {SlackSentTwice} events were also sent at once to a second Socket Mode connection (a retry landing on another connection, often the other replica's): a second answer to one would count as answered twice.");
        }

        s.AppendLine();
        s.AppendLine(c, $"Memory at the end: working set {WorkingSetBytes / (1024.0 * 1024):0} MiB, managed heap {ManagedHeapBytes / (1024.0 * 1024):0} MiB (one process: {(Options.Replicas > 1 ? string.Create(c, $"{Options.Replicas} bot hosts") : "bot host")} + fake servers + load driver).");
        if (StoreAfterLoad is not null)
        {
            s.AppendLine();
            s.AppendLine("Store after the load: " + StoreAfterLoad);
        }

        if (Digests.Count > 0)
        {
            s.AppendLine();
            s.AppendLine(c, $"Digest slots during the load ({Digests[0].EverySeconds} s cadence, {DigestPlan.StoriesPerPart} stories per part, due from the schedule's start to the end of the load; {BulletinsIngested} articles ingested meanwhile):");
            s.AppendLine();
            s.AppendLine("| platform | slots due | posted once | doubled | skipped | of which folded into a catch-up | retried after a failed post | posts refused by faults | messages | stories | latest arrival after its slot |");
            s.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var d in Digests)
            {
                s.AppendLine(c, $"| {d.Platform} | {d.SlotsDue} | {d.PostedOnce} | {d.Doubled} | {d.Skipped} | {d.MergedIntoCatchUp} | {d.Retried} | {d.Refused} | {d.Messages} | {d.Stories} | {Ms(d.LatestArrival)} |");
            }

            foreach (var problem in Digests.SelectMany(d => d.Problems.Select(p => d.Platform + ": " + p)).Take(20))
            {
                s.AppendLine("- " + problem);
            }
        }

        if (Faults.Count > 0)
        {
            s.AppendLine();
            s.AppendLine("| fault | injected | recovered |");
            s.AppendLine("|---|---:|---:|");
            foreach (var f in Faults.OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                s.AppendLine(c, $"| {f.Name} | {f.Injected} | {f.Recovered} |");
            }

            foreach (var f in Faults.Where(f => f.Note.Length > 0).OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                s.AppendLine();
                s.AppendLine(c, $"{f.Name}: {f.Note}");
            }
        }

        if (KillDrill is { } k)
        {
            s.AppendLine();
            s.AppendLine(c, $"{(k.Storage == SoakStorage.Postgres ? "PostgreSQL" : "SQLite")} SIGKILL mid-ingest: killed after {k.ArticlesAtKill} of {k.ExpectedArticles} articles; restart exit code {k.RestartExitCode}; {(k.Passed ? "PASSED" : "FAILED")}");
            s.AppendLine("- after the kill: " + k.AfterKill);
            s.AppendLine("- after the restart: " + k.AfterRestart);
        }
        else if (Options.Faults.Count > 0)
        {
            s.AppendLine();
            s.AppendLine(c, $"SIGKILL mid-ingest drill: not run ({(Options.Storage == SoakStorage.Postgres ? FaultInjector.PgKill : FaultInjector.SqliteKill)} not in the faults).");
        }

        if (Fuzz.Count > 0)
        {
            s.AppendLine();
            s.AppendLine(c, $"Hostile inputs: {Fuzz.Count} cases, {Fuzz.Count(f => f.Passed)} passed.");
            s.AppendLine();
            s.AppendLine("| area | case | result | what the bot did |");
            s.AppendLine("|---|---|---|---|");
            foreach (var f in Fuzz)
            {
                s.AppendLine(c, $"| {Cell(f.Area)} | {Cell(f.Case)} | {(f.Passed ? "ok" : "FAIL")} | {Cell(f.Outcome)} |");
            }
        }

        s.AppendLine();
        var digestVerdict = Digests.Count == 0 ? string.Empty : string.Create(c, $", digest slots doubled {Digests.Sum(d => d.Doubled)}, skipped {Digests.Sum(d => d.Skipped)}");
        s.AppendLine(c, $"Host alive at the end: {HostAlive}. Verdict: {(Passed ? "PASS" : "FAIL")} (lost {Lost}, answered twice {Doubled}{digestVerdict}).");
        return s.ToString();
    }

    private static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms";

    /// <summary>A table cell: no pipes, no line breaks, control characters (a NUL in a hostile question) shown as \uXXXX.</summary>
    private static string Cell(string text)
    {
        var cell = new StringBuilder(text.Length);
        foreach (var ch in text.Replace("|", "/", StringComparison.Ordinal).ReplaceLineEndings(" "))
        {
            cell.Append(char.IsControl(ch) ? $"\\u{(int)ch:X4}" : ch.ToString());
        }

        return cell.ToString();
    }
}
