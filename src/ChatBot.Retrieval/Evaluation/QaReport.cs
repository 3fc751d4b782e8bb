using System.Globalization;
using System.Text;

namespace ChatBot.Retrieval.Evaluation;

/// <summary>
/// Answer quality over the answerable questions (abstentions count as wrong), and abstention on both kinds:
/// a question is unanswerable when none of its passage ids is in the indexed corpus.
/// </summary>
public sealed record QaReport(
    int Answerable,
    int Unanswerable,
    double ContainsGold,
    double ContainsGoldWhenAnswered,
    double ExactMatch,
    double F1,
    double AbstainedAnswerable,
    double AbstainedUnanswerable,
    double CitedGoldPassage,
    double AbstainBelow,
    IReadOnlyList<(double Threshold, double AbstainedAnswerable, double AbstainedUnanswerable)> Sweep)
{
    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendFormat(
            CultureInfo.InvariantCulture,
            "{0} answerable, {1} unanswerable (Search:AbstainBelow {2:F2})\n" +
            "answer contains gold {3:P1} (of answered {4:P1})  SQuAD EM {5:F1}  F1 {6:F1}  cites a gold passage {7:P1}\n" +
            "abstained: answerable {8:P1}  unanswerable {9:P1}\n",
            Answerable, Unanswerable, AbstainBelow, ContainsGold, ContainsGoldWhenAnswered, ExactMatch * 100, F1 * 100, CitedGoldPassage, AbstainedAnswerable, AbstainedUnanswerable);
        if (Sweep.Count > 0)
        {
            text.Append("threshold sweep (abstained answerable / unanswerable):");
            foreach (var (threshold, a, u) in Sweep)
            {
                text.AppendFormat(CultureInfo.InvariantCulture, "  {0:F2}: {1:P1}/{2:P1}", threshold, a, u);
            }

            text.Append('\n');
        }

        return text.ToString();
    }
}
