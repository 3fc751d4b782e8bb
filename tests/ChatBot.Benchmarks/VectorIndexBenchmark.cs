using System.Diagnostics;
using ChatBot.Core.Libraries;
using ChatBot.Retrieval.Index;
using ChatBot.Worker.Cli;
using ChatBot.Worker.ConsolePlatform;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using static ChatBot.Benchmarks.BenchFormat;

namespace ChatBot.Benchmarks;

/// <summary>
/// The vector index alone, for iterating on its search without the full bench (no store, no BM25, no answers):
/// `vectors [size] [claims] [--no-recall]` grows a <see cref="VectorIndex"/> with a vector file to <c>size</c> vectors the way the bench
/// does (real MiniLM vectors, then perturbed copies, <see cref="SyntheticCorpus.Jitter"/>), then times each stage of the
/// pre-filtered search (<see cref="VectorSearchTimings"/>) over SQuAD questions and SciFact claims and measures its
/// recall@10 against the exact scan. The real vectors are embedded once and cached.
/// </summary>
public static class VectorIndexBenchmark
{
    private const int K = 10;
    private const int PerList = 50;

    /// <summary>Below <see cref="VectorIndex.BitsFrom"/>: the smallest sign-bit pools timed, per wanted result.</summary>
    private static readonly int[] PoolFactors = [64, 128, 256];

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var size = args.Count > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
        var queryLimit = args.Count > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 300;
        var recall = !args.Contains("--no-recall");
        var cache = Path.Combine(Path.GetTempPath(), "chatbot-vector-basis.bin");
        var basis = await VectorBasis.ReadAsync(cache);
        if (basis is null)
        {
            await EvalCommands.WithFreshStoreAsync([], ConsoleIo.Standard(), Console.Error, false, null, async services =>
                basis = await VectorBasis.EmbedAsync(
                    services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(), "../shared/eval/squad-v1.1-dev", "../shared/eval/scifact", 1000, 100, cache, CancellationToken.None),
                CancellationToken.None);
        }

        var directory = Path.Combine(Path.GetTempPath(), "chatbot-vectors-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            using var index = new VectorIndex(384, Path.Combine(directory, "vectors"));
            var watch = Stopwatch.StartNew();
            var random = new Random(42);
            for (var i = 0; i < size; i++)
            {
                var vector = i < basis!.Chunks.Count ? basis.Chunks[i] : SyntheticCorpus.Jitter(basis.Chunks[random.Next(basis.Chunks.Count)], random);
                index.Add(i + 1, (i / 50) + 1, LibraryNames.Local, vector);
            }

            await output.WriteLineAsync($"grown to {index.Count:N0} vectors in {F(watch.Elapsed.TotalSeconds, "F1")} s; {basis!.SquadQuestions.Count} SQuAD questions, {basis.Claims.Count} SciFact claims");
            foreach (var warm in basis.Claims.Take(5))
            {
                index.Search(warm, LibraryNames.Local, PerList);
            }

            // Below BitsFrom the shipped search scans every int8 code; the sign-bit pools are timed there too (BitsFromCount 0).
            var configurations = size >= VectorIndex.BitsFrom
                ? new (string Name, bool Legacy, int Share, int Factor, int From)[]
                {
                    ("session 4 (heap over the bits, one thread for the codes)", true, VectorIndex.BitsShare, VectorIndex.BitsFactor, VectorIndex.BitsFrom),
                    ($"histogram pool 1/{VectorIndex.BitsShare}", false, VectorIndex.BitsShare, VectorIndex.BitsFactor, VectorIndex.BitsFrom),
                    ("histogram pool 1/64", false, 64, VectorIndex.BitsFactor, VectorIndex.BitsFrom),
                    ("histogram pool 1/128", false, 128, VectorIndex.BitsFactor, VectorIndex.BitsFrom),
                }
                : [
                    ("every int8 code scanned (no sign bits)", false, VectorIndex.BitsShare, VectorIndex.BitsFactor, int.MaxValue),
                    .. PoolFactors.Select(f => ($"sign-bit pool max({f} × k, 1/{VectorIndex.BitsShare})", false, VectorIndex.BitsShare, f, 0)),
                ];
            foreach (var (name, queries) in new[] { ("SQuAD", basis.SquadQuestions), ("SciFact", basis.Claims.Take(queryLimit).ToList()) })
            {
                var exact = recall ? queries.Select(q => index.SearchExact(q, LibraryNames.Local, PerList)).ToList() : null;
                var measured = configurations.Select(_ => new Measurement()).ToArray();
                for (var q = 0; q < queries.Count; q++)
                {
                    // Every configuration on each query, in an order that rotates with the query: each sees the same load on average.
                    for (var i = 0; i < configurations.Length; i++)
                    {
                        var c = (q + i) % configurations.Length;
                        var (_, legacy, share, factor, from) = configurations[c];
                        (index.LegacyBitsHeap, index.BitsShareCount, index.BitsFactorCount, index.BitsFromCount) = (legacy, share, factor, from);
                        measured[c].Search(index, queries[q]);
                    }
                }

                for (var c = 0; c < configurations.Length; c++)
                {
                    await measured[c].WriteAsync($"{name}, {configurations[c].Name}", exact, output);
                }
            }
        }

        finally
        {
            Directory.Delete(directory, recursive: true);
        }

        return 0;
    }

    /// <summary>The timings and results of one configuration over the queries.</summary>
    private sealed class Measurement
    {
        private readonly Dictionary<string, List<double>> _stages = new(StringComparer.Ordinal);
        private readonly List<IReadOnlyList<(long ChunkId, long ArticleId, float Similarity)>> _results = [];
        private long _scored;

        public void Search(VectorIndex index, float[] query)
        {
            var timings = new VectorSearchTimings();
            var start = Stopwatch.GetTimestamp();
            _results.Add(index.Search(query, LibraryNames.Local, PerList, timings));
            Add("total", Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            Add("bits scan", timings.BitsScanMs);
            Add("pool", timings.PoolMs);
            Add("int8 codes", timings.CodesMs);
            Add("float re-score", timings.RescoreMs);
            _scored += timings.CodesScored;
        }

        public async Task WriteAsync(string name, List<IReadOnlyList<(long ChunkId, long ArticleId, float Similarity)>>? exacts, TextWriter output)
        {
            await output.WriteLineAsync($"{name}, {_results.Count} queries, {_scored / Math.Max(1, _results.Count):N0} codes scored per query:");
            foreach (var (stage, values) in _stages)
            {
                await output.WriteLineAsync($"  {stage,-16} p50 {Ms(Percentile(values, 0.5)),9}  p99 {Ms(Percentile(values, 0.99)),9}");
            }

            if (exacts is null)
            {
                return;
            }

            double found = 0;
            var identical = 0;
            for (var q = 0; q < _results.Count; q++)
            {
                var exact = exacts[q];
                found += _results[q].Take(K).Select(h => h.ChunkId).Intersect(exact.Take(K).Select(h => h.ChunkId)).Count() / (double)K;
                identical += exact.Select(h => h.ChunkId).SequenceEqual(_results[q].Select(h => h.ChunkId)) ? 1 : 0;
            }

            await output.WriteLineAsync($"  recall@10 vs exact {F(100 * found / _results.Count, "F2")} %, top {PerList} identical {identical}/{_results.Count}");
        }

        private void Add(string stage, double ms) => (_stages.TryGetValue(stage, out var list) ? list : _stages[stage] = []).Add(ms);
    }
}
