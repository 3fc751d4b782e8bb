using ChatBot.Retrieval.Text;

namespace ChatBot.Retrieval.Answers;

/// <summary>Inverse document frequency of each query term, keyed by its stem: rare words count for more.</summary>
public sealed class TermWeights
{
    private readonly Dictionary<string, double> _weights;

    public TermWeights(Dictionary<string, double> weights, IReadOnlySet<string>? unseen = null)
    {
        _weights = weights;
        Unseen = unseen ?? new HashSet<string>(StringComparer.Ordinal);
    }

    /// <summary>Query tokens (lower case, not stemmed) that no indexed passage contains.</summary>
    public IReadOnlySet<string> Unseen { get; }

    public IReadOnlyDictionary<string, double> ByStem => _weights;

    public double Total => _weights.Values.Sum();

    /// <summary>BM25's idf, ln(1 + (N − df + 0.5) / (df + 0.5)), for each content word of the query.</summary>
    public static TermWeights From(IReadOnlyList<string> queryTokens, IReadOnlyDictionary<string, int> documentFrequency, int documentCount)
    {
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        var unseen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in queryTokens)
        {
            var df = documentFrequency.GetValueOrDefault(token);
            if (df == 0 && documentCount > 0)
            {
                unseen.Add(token);
            }

            var idf = Math.Log(1 + ((documentCount - df + 0.5) / (df + 0.5)));
            var stem = TextTerms.Stem(token);
            weights[stem] = Math.Max(weights.GetValueOrDefault(stem), Math.Max(idf, 0.05));
        }

        return new TermWeights(weights, unseen);
    }
}
