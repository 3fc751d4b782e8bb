using System.Diagnostics;
using ChatBot.Core.Libraries;
using ChatBot.Retrieval;
using ChatBot.Retrieval.Index;
using static ChatBot.Benchmarks.BenchFormat;

namespace ChatBot.Benchmarks;

/// <summary>
/// From <see cref="VectorIndex.BitsFrom"/> vectors on: the vector search's stages (sign-bit scan, choosing the pool,
/// int8 scoring of the pool, float re-score from the vector file; <see cref="VectorSearchTimings"/>) and the asks, each
/// with session 4's sign-bit pre-filter (a heap over the bits, <see cref="VectorIndex.LegacyBitsHeap"/>) and with
/// today's (a histogram threshold, both cores) on the same questions in alternating order, in the same run.
/// </summary>
public static class PrefilterBenchmark
{
    public static async Task<IReadOnlyList<BenchmarkRow>> RunAsync(
        VectorIndex index, RetrievalService retrieval, IReadOnlyList<string> questions, IReadOnlyList<float[]> vectors, int perList, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(retrieval);
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(vectors);
        if (index.Count < VectorIndex.BitsFrom)
        {
            return [];
        }

        var stages = new Dictionary<bool, List<VectorSearchTimings>> { [true] = [], [false] = [] };
        var totals = new Dictionary<bool, List<double>> { [true] = [], [false] = [] };
        var asks = new Dictionary<bool, List<double>> { [true] = [], [false] = [] };
        for (var q = 0; q < vectors.Count; q++)
        {
            foreach (var legacy in q % 2 == 0 ? new[] { true, false } : [false, true])
            {
                index.LegacyBitsHeap = legacy;
                var timings = new VectorSearchTimings();
                var start = Stopwatch.GetTimestamp();
                index.Search(vectors[q], LibraryNames.Local, perList, timings);
                totals[legacy].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                stages[legacy].Add(timings);
                if (q < questions.Count)
                {
                    start = Stopwatch.GetTimestamp();
                    await retrieval.AskAsync(LibraryNames.Local, questions[q], null, cancellationToken);
                    asks[legacy].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
            }
        }

        index.LegacyBitsHeap = false;
        return
        [
            Row(index.Count, "now (histogram threshold, both cores)", totals[false], stages[false], asks[false]),
            Row(index.Count, "before (session 4: a heap over the bits, one thread for the codes)", totals[true], stages[true], asks[true]),
        ];
    }

    private static BenchmarkRow Row(int count, string name, List<double> totals, List<VectorSearchTimings> stages, List<double> asks)
    {
        string P50(Func<VectorSearchTimings, double> stage) => Ms(Percentile(stages.Select(stage).ToList(), 0.5));
        return new(
            $"  sign-bit pre-filter at {count:N0} chunks, {name}: vector search p50 / p99 (sign-bit scan / choosing the pool / int8 codes of the pool / float re-score, p50); ask p50 / p99, same run",
            $"{Ms(Percentile(totals, 0.5))} / {Ms(Percentile(totals, 0.99))} ({P50(s => s.BitsScanMs)} / {P50(s => s.PoolMs)} / {P50(s => s.CodesMs)} for {stages[0].CodesScored:N0} codes / {P50(s => s.RescoreMs)}); ask {Ms(Percentile(asks, 0.5))} / {Ms(Percentile(asks, 0.99))}",
            string.Empty);
    }
}
