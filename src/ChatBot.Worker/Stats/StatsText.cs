using System.Globalization;
using ChatBot.Core.Stats;

namespace ChatBot.Worker.Stats;

/// <summary>How /stats writes its figures: one line per window, times in ms or s, and a text sparkline.</summary>
public static class StatsText
{
    private const string Bars = "▁▂▃▄▅▆▇█";

    /// <summary>"12 questions · 75% answered · 17% abstained · median 420 ms, p95 1.2 s · 👍 3 👎 1 · 1 model fallback".</summary>
    public static string Line(StatsSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (summary.Questions == 0)
        {
            return "no questions";
        }

        var parts = new List<string>
        {
            Count(summary.Questions, "question"),
            Percent(summary.Percent(summary.Answered)) + " answered",
            Percent(summary.Percent(summary.Abstained)) + " abstained",
        };
        if (summary.Failed > 0)
        {
            parts.Add(Count(summary.Failed, "failed", "failed"));
        }

        if (summary.MedianMilliseconds is { } median)
        {
            parts.Add($"median {Duration(median)}, p95 {Duration(summary.P95Milliseconds ?? median)}");
        }

        parts.Add($"👍 {summary.ThumbsUp} 👎 {summary.ThumbsDown}");
        parts.Add(Count(summary.ModelFallbacks, "model fallback"));
        return string.Join(" · ", parts);
    }

    /// <summary>One bar per value, scaled to the largest (all ▁ when every value is 0).</summary>
    public static string Sparkline(IReadOnlyList<int> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var max = values.Count == 0 ? 0 : values.Max();
        return string.Concat(values.Select(v => max == 0 ? Bars[0] : Bars[(int)Math.Round((double)v * (Bars.Length - 1) / max)]));
    }

    /// <summary>"420 ms" below a second, else "1.2 s".</summary>
    public static string Duration(long milliseconds) =>
        milliseconds < 1000
            ? milliseconds.ToString(CultureInfo.InvariantCulture) + " ms"
            : (milliseconds / 1000.0).ToString("0.0", CultureInfo.InvariantCulture) + " s";

    public static string Percent(double value) => Math.Round(value).ToString(CultureInfo.InvariantCulture) + "%";

    public static string Count(int count, string one, string? many = null) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? one : many ?? one + "s");
}
