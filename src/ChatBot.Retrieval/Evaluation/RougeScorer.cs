using System.Text;

namespace ChatBot.Retrieval.Evaluation;

/// <summary>ROUGE-1, ROUGE-2 and ROUGE-L F1 as Google's rouge_score computes them without stemming: lower-case,
/// every run of characters other than a-z and 0-9 separates tokens. Scores are 0..1.</summary>
public static class RougeScorer
{
    public static IReadOnlyList<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            builder.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? c : ' ');
        }

        return builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    public static (double Rouge1, double Rouge2, double RougeL) Score(string candidate, string reference)
    {
        var c = Tokenize(candidate);
        var r = Tokenize(reference);
        return (NGramF1(c, r, 1), NGramF1(c, r, 2), LcsF1(c, r));
    }

    /// <summary>Each metric's best over the references (as SciTLDR's authors score).</summary>
    public static (double Rouge1, double Rouge2, double RougeL) BestOf(string candidate, IReadOnlyList<string> references)
    {
        ArgumentNullException.ThrowIfNull(references);
        double r1 = 0, r2 = 0, rl = 0;
        foreach (var reference in references)
        {
            var (a, b, c) = Score(candidate, reference);
            r1 = Math.Max(r1, a);
            r2 = Math.Max(r2, b);
            rl = Math.Max(rl, c);
        }

        return (r1, r2, rl);
    }

    private static double NGramF1(IReadOnlyList<string> candidate, IReadOnlyList<string> reference, int n)
    {
        var c = NGrams(candidate, n);
        var r = NGrams(reference, n);
        var cTotal = c.Values.Sum();
        var rTotal = r.Values.Sum();
        if (cTotal == 0 || rTotal == 0)
        {
            return 0;
        }

        var overlap = c.Sum(kv => Math.Min(kv.Value, r.GetValueOrDefault(kv.Key)));
        return F(overlap / (double)cTotal, overlap / (double)rTotal);
    }

    private static double LcsF1(IReadOnlyList<string> candidate, IReadOnlyList<string> reference)
    {
        if (candidate.Count == 0 || reference.Count == 0)
        {
            return 0;
        }

        var previous = new int[reference.Count + 1];
        var current = new int[reference.Count + 1];
        for (var i = 1; i <= candidate.Count; i++)
        {
            for (var j = 1; j <= reference.Count; j++)
            {
                current[j] = string.Equals(candidate[i - 1], reference[j - 1], StringComparison.Ordinal)
                    ? previous[j - 1] + 1
                    : Math.Max(previous[j], current[j - 1]);
            }

            (previous, current) = (current, previous);
        }

        var lcs = previous[reference.Count];
        return F(lcs / (double)candidate.Count, lcs / (double)reference.Count);
    }

    private static Dictionary<string, int> NGrams(IReadOnlyList<string> tokens, int n)
    {
        var grams = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i + n <= tokens.Count; i++)
        {
            var key = string.Join(' ', tokens.Skip(i).Take(n));
            grams[key] = grams.GetValueOrDefault(key) + 1;
        }

        return grams;
    }

    private static double F(double precision, double recall) => precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
}
