namespace ChatBot.Retrieval.Evaluation;

/// <summary>Area under the ROC curve (Mann–Whitney): the chance that a random positive scores above a random negative, ties half.</summary>
public static class ConfidenceAuc
{
    public static double Compute(IReadOnlyList<double> positives, IReadOnlyList<double> negatives)
    {
        ArgumentNullException.ThrowIfNull(positives);
        ArgumentNullException.ThrowIfNull(negatives);
        if (positives.Count == 0 || negatives.Count == 0)
        {
            return double.NaN;
        }

        var all = positives.Select(p => (Score: p, Positive: true)).Concat(negatives.Select(n => (Score: n, Positive: false)))
            .OrderBy(x => x.Score).ToList();
        double rankSum = 0;
        var i = 0;
        while (i < all.Count)
        {
            var j = i;
            while (j < all.Count && all[j].Score == all[i].Score)
            {
                j++;
            }

            var averageRank = (i + 1 + j) / 2.0; // ranks i+1..j share their mean
            rankSum += all.Skip(i).Take(j - i).Count(x => x.Positive) * averageRank;
            i = j;
        }

        var p = (double)positives.Count;
        return (rankSum - (p * (p + 1) / 2)) / (p * negatives.Count);
    }
}
