namespace ChatBot.Retrieval.Search;

/// <summary>
/// Reciprocal-rank fusion (Cormack et al. 2009): score(d) = Σ weight / (k + rank(d)). Robust to the two
/// lists' incomparable score scales (BM25 vs cosine).
/// </summary>
public static class ReciprocalRankFusion
{
    public const int DefaultK = 60;

    /// <returns>Each id with its fused score and its 1-based rank in each list (null when absent), best first.</returns>
    public static IReadOnlyList<(long Id, double Score, int?[] Ranks)> Fuse(IReadOnlyList<IReadOnlyList<long>> rankings, IReadOnlyList<double> weights, int k = DefaultK)
    {
        var fused = new Dictionary<long, (double Score, int?[] Ranks)>();
        for (var list = 0; list < rankings.Count; list++)
        {
            var ranking = rankings[list];
            for (var i = 0; i < ranking.Count; i++)
            {
                if (!fused.TryGetValue(ranking[i], out var entry))
                {
                    entry = (0, new int?[rankings.Count]);
                }

                if (entry.Ranks[list] is not null)
                {
                    continue;
                }

                entry.Ranks[list] = i + 1;
                entry.Score += weights[list] / (k + i + 1);
                fused[ranking[i]] = entry;
            }
        }

        return fused
            .Select(pair => (pair.Key, pair.Value.Score, pair.Value.Ranks))
            .OrderByDescending(x => x.Score)
            .ThenBy(x => x.Key)
            .ToList();
    }
}
