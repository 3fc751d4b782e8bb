using System.Globalization;
using ChatBot.Retrieval.Answers;

namespace ChatBot.Retrieval.Evaluation;

/// <summary>
/// How <see cref="FollowUpCondenser.ContextWeight"/> is chosen, declared before any run: <c>eval qa --split train
/// --follow-ups --context-weights 0,0.1,…</c> asks every follow-up pair of the train part once per weight, and the
/// weight with the highest first-sentence accuracy of the follow-ups asked with the conversation wins; a tie goes to
/// the higher answer-contains-gold, then to the smaller weight (less of the topic). The held-out test part is then asked
/// at the old and the chosen weight only.
/// </summary>
public static class ContextWeightRule
{
    public static double Choose(IReadOnlyList<(double Weight, QaFollowUpFigures Figures)> grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var asked = grid.Where(g => g.Figures.Count > 0).ToList();
        return asked.Count == 0
            ? FollowUpCondenser.ContextWeight
            : asked.OrderByDescending(g => g.Figures.FirstSentenceCorrect).ThenByDescending(g => g.Figures.ContainsGold).ThenBy(g => g.Weight).First().Weight;
    }

    /// <summary>"0,0.1,0.25": weights between 0 and 1.</summary>
    /// <exception cref="ArgumentException">A part is not a number between 0 and 1.</exception>
    public static IReadOnlyList<double> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(part => double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var weight) && weight is >= 0 and <= 1
                ? weight
                : throw new ArgumentException($"--context-weights takes weights between 0 and 1, comma-separated (not '{part}').", nameof(text)))
            .ToList();
    }
}
