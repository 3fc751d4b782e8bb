using System.Text;

namespace ChatBot.Retrieval.Evaluation;

/// <summary>SQuAD v1.1's official answer scoring: normalise (lower-case, drop punctuation and a/an/the, fold white
/// space), then exact match and token F1, each the maximum over the gold answers.</summary>
public static class SquadScoring
{
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            if (!char.IsPunctuation(c) && !char.IsSymbol(c))
            {
                builder.Append(c);
            }
        }

        var words = builder.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w is not ("a" or "an" or "the"));
        return string.Join(' ', words);
    }

    public static double ExactMatch(string prediction, IReadOnlyList<string> golds) =>
        golds.Count == 0 ? 0 : golds.Max(g => Normalize(prediction) == Normalize(g) ? 1.0 : 0.0);

    public static double F1(string prediction, IReadOnlyList<string> golds) =>
        golds.Count == 0 ? 0 : golds.Max(g => F1(prediction, g));

    /// <summary>True when the normalised prediction contains a normalised gold answer (as whole words).</summary>
    public static bool ContainsGold(string prediction, IReadOnlyList<string> golds)
    {
        ArgumentNullException.ThrowIfNull(golds);
        var padded = " " + Normalize(prediction) + " ";
        return golds.Select(Normalize).Any(g => g.Length > 0 && padded.Contains(" " + g + " ", StringComparison.Ordinal));
    }

    private static double F1(string prediction, string gold)
    {
        var predicted = Normalize(prediction).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var truth = Normalize(gold).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (predicted.Length == 0 || truth.Length == 0)
        {
            return predicted.Length == truth.Length ? 1 : 0;
        }

        var counts = truth.GroupBy(t => t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var common = 0;
        foreach (var token in predicted)
        {
            if (counts.TryGetValue(token, out var left) && left > 0)
            {
                counts[token] = left - 1;
                common++;
            }
        }

        if (common == 0)
        {
            return 0;
        }

        var precision = common / (double)predicted.Length;
        var recall = common / (double)truth.Length;
        return 2 * precision * recall / (precision + recall);
    }
}
