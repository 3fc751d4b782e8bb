using System.CommandLine;
using System.Globalization;
using ChatBot.Worker.Cli;
using ChatBot.Worker.ConsolePlatform;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Benchmarks;

/// <summary>
/// The benchmark's command line (formerly the worker's `bench` verb): speed and memory on this machine, printed as a
/// table with each goal. It runs on a fresh temp store through the worker's own host, so the figures are the product's.
/// </summary>
public static class BenchCommand
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, ConsoleIo io, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(io);
        var (configuration, commandArgs) = CliArguments.Split(args);
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Log progress and diagnostics to stderr." };
        var sizes = new Option<string>("--sizes") { Description = "Index sizes (chunks) for the latency measurement, comma-separated.", DefaultValueFactory = _ => "10000,100000" };
        var questions = new Option<int>("--questions") { Description = "SQuAD questions timed at each size.", DefaultValueFactory = _ => 100 };
        var ingestChunks = new Option<int>("--ingest-chunks") { Description = "SciFact chunks in the encode-vs-ingest comparison.", DefaultValueFactory = _ => 256 };
        var realChunks = new Option<int>("--real-chunks") { Description = "Real chunks embedded with MiniLM that the synthetic growth copies.", DefaultValueFactory = _ => 1000 };
        var squad = new Option<DirectoryInfo>("--squad") { Description = "SQuAD v1.1 dev folder (articles.jsonl, questions.jsonl).", DefaultValueFactory = _ => new DirectoryInfo("../shared/eval/squad-v1.1-dev") };
        var scifact = new Option<DirectoryInfo>("--scifact") { Description = "SciFact folder (corpus.jsonl).", DefaultValueFactory = _ => new DirectoryInfo("../shared/eval/scifact") };
        var seeds = new Option<DirectoryInfo?>("--seeds") { Description = "Seeds folder indexed by the cold start.", DefaultValueFactory = _ => new DirectoryInfo("seeds") };
        var libraries = new Option<bool>("--libraries") { Description = "At the largest size, also ask with the chunks spread over ten libraries (same run, same chunks)." };
        var beforeUpTo = new Option<int>("--before-up-to") { Description = "Largest size at which the old paths (FTS5 bm25(), exact float scan) are also timed.", DefaultValueFactory = _ => 100_000 };
        var postgres = new Option<string?>("--postgres") { Description = "A PostgreSQL connection string: also time asks on the PostgreSQL provider (a schema of its own, dropped afterwards)." };
        var postgresSize = new Option<int>("--postgres-size") { Description = "Chunks in the PostgreSQL measurement (compared with SQLite's ask p50 at the same size).", DefaultValueFactory = _ => 100_000 };
        var bench = new RootCommand("Cold start, encode vs ingest rate, re-ingest, ask latency at 10k/100k (/1M) chunks, memory, cold start at the largest size.")
        {
            verbose, sizes, questions, ingestChunks, realChunks, squad, scifact, seeds, libraries, beforeUpTo, postgres, postgresSize,
        };
        bench.SetAction((result, ct) => EvalCommands.WithFreshStoreAsync(configuration, io, error, result.GetValue(verbose), null, async services =>
        {
            var settings = new BenchmarkSettings(
                result.GetValue(squad)!.FullName,
                result.GetValue(scifact)!.FullName,
                result.GetValue(seeds)?.FullName,
                (result.GetValue(sizes) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(s => int.Parse(s, NumberStyles.AllowThousands, CultureInfo.InvariantCulture)).Order().ToList(),
                Math.Max(5, result.GetValue(questions)),
                Math.Max(16, result.GetValue(ingestChunks)),
                Math.Max(100, result.GetValue(realChunks)),
                result.GetValue(libraries),
                result.GetValue(beforeUpTo),
                result.GetValue(postgres),
                result.GetValue(postgresSize));
            var started = DateTimeOffset.UtcNow;
            var rows = await ActivatorUtilities.CreateInstance<BenchmarkRunner>(services).RunAsync(
                settings,
                step => error.WriteLine(string.Format(CultureInfo.InvariantCulture, "[{0,4:F0} s] {1}", (DateTimeOffset.UtcNow - started).TotalSeconds, step)),
                ct);
            await io.Output.WriteLineAsync("| measure | value | goal |");
            await io.Output.WriteLineAsync("| --- | --- | --- |");
            foreach (var row in rows)
            {
                await io.Output.WriteLineAsync($"| {row.Measure} | {row.Value} | {row.Goal} |");
            }
        }, ct));

        var parsed = bench.Parse(commandArgs);
        if (parsed.Errors.Count > 0)
        {
            foreach (var parseError in parsed.Errors)
            {
                await error.WriteLineAsync("error: " + parseError.Message);
            }

            return CliApp.ExitUsage;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = io.Output, Error = error });
    }
}
