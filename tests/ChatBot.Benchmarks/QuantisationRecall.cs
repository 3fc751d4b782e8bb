using ChatBot.Core.Libraries;
using ChatBot.Retrieval.Index;

namespace ChatBot.Benchmarks;

/// <summary>
/// What the int8 pre-filter of <see cref="VectorIndex.Search"/> (from <see cref="VectorIndex.BitsFrom"/> vectors on, after the sign-bit pool) loses: for each query vector, the share of the exact
/// float scan's top 10 (<see cref="VectorIndex.SearchExact"/>) that the pre-filtered search also returns (recall@10
/// against the exact scan), over SQuAD questions and SciFact claims, at the current index size.
/// </summary>
public static class QuantisationRecall
{
    private const int K = 10;

    public static BenchmarkRow Measure(VectorIndex index, string corpus, IReadOnlyList<float[]> queries, int perList)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(queries);
        double found = 0;
        var identicalTop50 = 0;
        foreach (var query in queries)
        {
            var exact = index.SearchExact(query, LibraryNames.Local, perList);
            var quantised = index.Search(query, LibraryNames.Local, perList);
            found += quantised.Take(K).Select(h => h.ChunkId).Intersect(exact.Take(K).Select(h => h.ChunkId)).Count() / (double)K;
            identicalTop50 += exact.Select(h => h.ChunkId).SequenceEqual(quantised.Select(h => h.ChunkId)) ? 1 : 0;
        }

        var recall = queries.Count == 0 ? 1 : found / queries.Count;
        var loss = 100 * (1 - recall);
        return new(
            $"  {(index.Count >= VectorIndex.BitsFrom ? $"sign-bit pool (max({VectorIndex.BitsFactor} × k, 1/{VectorIndex.BitsShare})) + " : string.Empty)}int8 pre-filter ({VectorIndex.RescoreFactor}× re-scored in float), {corpus}: recall@10 vs the exact scan; top {perList} identical",
            $"{BenchFormat.F(100 * recall, "F2")} % (loss {BenchFormat.F(loss, "F2")} %); {identicalTop50}/{queries.Count} queries",
            BenchFormat.Goal(loss <= 0.5, "loss ≤ 0.5 %"));
    }
}
