using System.Globalization;
using ChatBot.Retrieval.Answers.Scoring;

namespace ChatBot.Retrieval.Evaluation;

/// <summary>
/// Measures <see cref="ExpectedTypeFirst"/> on the train part only (<c>eval train-first-stage</c>): each quarter of
/// the articles ranked by first-stage trees fitted on the other three, then how often the first sentence holds gold
/// with the trees alone and with each variant of the rule (how far down it looks, which answer kinds it reads), and on
/// how many questions it moved a sentence ahead (better / worse).
/// </summary>
public static class ExpectedTypeFirstCheck
{
    public static List<string> Lines(IReadOnlyList<(int Fold, bool AsksForAUnit, List<(double[] Features, bool Label)> Examples)> groups, TreeTrainer.Settings? settings)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var ranked = new List<(bool AsksForAUnit, List<(double[] Features, bool Label)> Examples)>();
        for (var fold = 0; fold < 4; fold++)
        {
            var fit = groups.Where(g => g.Fold != fold).SelectMany(g => g.Examples).ToList();
            if (!fit.Any(e => e.Label) || fit.All(e => e.Label))
            {
                return [];
            }

            var trees = TreeTrainer.Fit(RankingFeatures.Names, fit, $"fold {fold}", settings);
            ranked.AddRange(groups.Where(g => g.Fold == fold && g.Examples.Count > 0).Select(g => (g.AsksForAUnit, g.Examples.OrderByDescending(e => trees.Probability(e.Features)).ToList())));
        }

        var culture = CultureInfo.InvariantCulture;
        var lines = new List<string> { string.Create(culture, $"expected type first, cross-fitted over the train articles ({ranked.Count} questions): first sentence holds gold, trees alone {ranked.Count(r => r.Examples[0].Label) / (double)ranked.Count:P1}") };
        var typed = new HashSet<AnswerKind> { AnswerKind.Quantity, AnswerKind.Date, AnswerKind.Person, AnswerKind.Place, AnswerKind.Advice };
        var variants = new (string Name, bool Counts, IReadOnlySet<AnswerKind> Kinds)[]
        {
            ("a unit asked (money, duration, length, weight) + advice", false, ExpectedTypeFirst.Kinds),
            ("any quantity + advice", true, ExpectedTypeFirst.Kinds),
            ("any quantity + advice + date", true, new HashSet<AnswerKind>([.. ExpectedTypeFirst.Kinds, AnswerKind.Date])),
            ("every typed kind", true, typed),
        };
        foreach (var (name, counts, kinds) in variants)
        {
            foreach (var within in new[] { 1, 2 })
            {
                var picks = ranked.Select(r => (Row: r.Examples, Pick: ExpectedTypeFirst.Pick([.. r.Examples.Select(e => (IReadOnlyList<double>)e.Features)], r.AsksForAUnit, within, counts, kinds))).ToList();
                var moved = picks.Where(p => p.Pick > 0).ToList();
                var better = moved.Count(p => p.Row[p.Pick].Label && !p.Row[0].Label);
                var worse = moved.Count(p => !p.Row[p.Pick].Label && p.Row[0].Label);
                var right = picks.Count(p => p.Row[p.Pick].Label) / (double)ranked.Count;
                lines.Add(string.Create(culture, $"  {name}, within {within}: {right:P1} (moved {moved.Count}: {better} better, {worse} worse)"));
            }
        }

        return lines;
    }
}
