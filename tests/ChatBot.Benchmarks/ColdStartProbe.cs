using System.Diagnostics;
using System.Globalization;
using ChatBot.Core.Libraries;
using ChatBot.Retrieval;
using ChatBot.Retrieval.Index;
using ChatBot.Retrieval.Search.Lexical;
using ChatBot.Worker.Cli;
using ChatBot.Worker.ConsolePlatform;
using Microsoft.Extensions.DependencyInjection;
using static ChatBot.Benchmarks.BenchFormat;

namespace ChatBot.Benchmarks;

/// <summary>
/// Cold start at the largest size, in a new process: the benchmark writes the cold-start snapshots as a clean stop
/// does, lets go of the vector file, and starts this program again as <c>cold-start &lt;data directory&gt; &lt;question&gt;</c>.
/// The child starts the worker's host on that store (migrate, vector index, BM25 index, model) and asks one question;
/// "ready" is when the index and the BM25 index are loaded and that answer is out, counted from the child's process start.
/// </summary>
public static class ColdStartProbe
{
    private const string Marker = "cold-start:";

    /// <summary>In the benchmark: runs the child on <paramref name="dataDirectory"/> and turns its report into rows.</summary>
    public static async Task<IReadOnlyList<BenchmarkRow>> MeasureAsync(string dataDirectory, string question, int chunks, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "cold-start", dataDirectory, question })
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start)!;
        var output = await child.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = await child.StandardError.ReadToEndAsync(cancellationToken);
        await child.WaitForExitAsync(cancellationToken);
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith(Marker, StringComparison.Ordinal));
        if (child.ExitCode != 0 || line is null)
        {
            return [new($"cold start at {chunks:N0} chunks", $"failed (exit {child.ExitCode}): {errors.Trim()}", "≤ 15 s: NOT met")];
        }

        var parts = line[Marker.Length..].Split(' ').Select(p => double.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        var (readyMs, hostMs, lexicalMs, askMs, workingSet, fromSnapshots) = (parts[0], parts[1], parts[2], parts[3], parts[4], parts[5] == 1);
        return
        [
            new(
                $"cold start at {chunks:N0} chunks: process start → ready (index{(fromSnapshots ? " and BM25 index from their snapshots" : " from the rows, BM25 from FTS5")}, model loaded, first answer out)",
                $"{F(readyMs / 1000, "F1")} s",
                Goal(readyMs <= 15_000, "≤ 15 s")),
            new("  of which host start (migrate, vector index) / BM25 index load / first ask (model load)", $"{Ms(hostMs)} / {Ms(lexicalMs)} / {Ms(askMs)}", string.Empty),
            new("  working set of that process when ready", $"{F(workingSet, "F0")} MB", Goal(workingSet <= 2048, "≤ 2,048 MB")),
        ];
    }

    /// <summary>In the child: start, load, answer, report one line.</summary>
    public static async Task<int> RunChildAsync(string dataDirectory, string question)
    {
        var configuration = new[]
        {
            "--Storage:Provider=Sqlite", "--Storage:DataDirectory=" + dataDirectory, "--Storage:ConnectionString=",
            "--Ingestion:SeedsDirectory=" + Path.Combine(dataDirectory, "no-seeds"),
        };
        var watch = Stopwatch.StartNew();
        return await CliHost.WithRetrievalAsync(configuration, ConsoleIo.Standard(), Console.Error, verbose: false, async (services, _) =>
        {
            var hostMs = watch.Elapsed.TotalMilliseconds;
            var lexical = services.GetService<SqliteLexicalSearch>();
            if (lexical is not null)
            {
                await lexical.EnsureLoadedAsync(CancellationToken.None);
            }

            var lexicalMs = watch.Elapsed.TotalMilliseconds - hostMs;
            await services.GetRequiredService<RetrievalService>().AskAsync(LibraryNames.Local, question, null, CancellationToken.None);
            var askMs = watch.Elapsed.TotalMilliseconds - hostMs - lexicalMs;
            double readyMs;
            using (var self = Process.GetCurrentProcess())
            {
                readyMs = (DateTime.Now - self.StartTime).TotalMilliseconds;
            }

            var index = services.GetRequiredService<VectorIndex>();
            var fromSnapshots = index.LoadedFromSnapshot && lexical?.LoadedFromSnapshot == true;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Marker}{readyMs:F0} {hostMs:F0} {lexicalMs:F0} {askMs:F0} {WorkingSetMb():F0} {(fromSnapshots ? 1 : 0)}"));
            return 0;
        }, CancellationToken.None);
    }
}
