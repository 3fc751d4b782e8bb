using System.Diagnostics;
using System.Globalization;

namespace ChatBot.Benchmarks;

/// <summary>How the benchmark's figures are computed and written: percentiles, milliseconds, goals met or not, the working set.</summary>
public static class BenchFormat
{
    public static string Goal(bool met, string goal) => goal + (met ? ": met" : ": NOT met");

    public static string Ms(double value) => F(value, value < 100 ? "F1" : "F0") + " ms";

    public static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    public static double Percentile(List<double> values, double p)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    public static double WorkingSetMb()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64 / 1048576.0;
    }
}
