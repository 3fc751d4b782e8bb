namespace ChatBot.Retrieval.Evaluation;

/// <summary>Ranking metrics as BEIR/pytrec_eval define them: recall@k (share of the relevant documents in the top k),
/// MRR@k (reciprocal rank of the first relevant one) and nDCG@k with linear gains (the qrels score).</summary>
public static class RankingMetrics
{
    public static double RecallAt(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> relevance, int k)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(relevance);
        var relevant = relevance.Count(r => r.Value > 0);
        if (relevant == 0)
        {
            return 0;
        }

        return ranked.Take(k).Count(id => relevance.GetValueOrDefault(id) > 0) / (double)relevant;
    }

    public static double ReciprocalRankAt(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> relevance, int k)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(relevance);
        for (var i = 0; i < Math.Min(k, ranked.Count); i++)
        {
            if (relevance.GetValueOrDefault(ranked[i]) > 0)
            {
                return 1.0 / (i + 1);
            }
        }

        return 0;
    }

    public static double NdcgAt(IReadOnlyList<string> ranked, IReadOnlyDictionary<string, int> relevance, int k)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(relevance);
        var dcg = 0.0;
        for (var i = 0; i < Math.Min(k, ranked.Count); i++)
        {
            dcg += relevance.GetValueOrDefault(ranked[i]) / Math.Log2(i + 2);
        }

        var ideal = relevance.Values.Where(v => v > 0).OrderDescending().Take(k).Select((v, i) => v / Math.Log2(i + 2)).Sum();
        return ideal > 0 ? dcg / ideal : 0;
    }
}
