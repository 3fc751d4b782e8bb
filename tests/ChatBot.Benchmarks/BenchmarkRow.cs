namespace ChatBot.Benchmarks;

/// <summary>One line of the benchmark table: what was measured, the figure, and the goal beside it (met / not met).</summary>
public sealed record BenchmarkRow(string Measure, string Value, string Goal = "");
