using System.Globalization;
using System.Text;

namespace ChatBot.Retrieval.Evaluation;

/// <summary>
/// Answer quality over the answerable questions (abstentions count as wrong), and abstention on three kinds:
/// answerable, unanswerable (marked so, or none of its passages indexed) and near-miss (an answerable question asked
/// with every sentence holding its answer hidden from the answerer). AUC: how well the confidence ranks answerable
/// above unanswerable (and above near-miss) questions, 0.5 = chance.
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
    IReadOnlyList<QaSweepPoint> Sweep)
{
    public double FirstSentenceCorrect { get; init; }

    public double MeanAnswerWords { get; init; }

    public int NearMiss { get; init; }

    /// <summary>Follow-up pairs asked with the conversation, and the same follow-ups asked alone.</summary>
    public QaFollowUpFigures? FollowUps { get; init; }

    public QaFollowUpFigures? FollowUpsAlone { get; init; }

    /// <summary>The answerable questions typed the chat way, with and without spelling correction, and as written without it.</summary>
    public QaFollowUpFigures? Chat { get; init; }

    public QaFollowUpFigures? ChatUncorrected { get; init; }

    public QaFollowUpFigures? AnswerableUncorrected { get; init; }

    /// <summary>The chat-typed near-miss questions (answer sentences hidden), with and without spelling correction: only their abstention counts.</summary>
    public QaFollowUpFigures? ChatNearMiss { get; init; }

    public QaFollowUpFigures? ChatNearMissUncorrected { get; init; }

    public QaFollowUpFigures? NearMissUncorrected { get; init; }

    public double AbstainedNearMiss { get; init; }

    /// <summary>Answerable questions asked again over other articles' passages only (their own as if not indexed): these must abstain.</summary>
    public int OffTopic { get; init; }

    public double AbstainedOffTopic { get; init; }

    public double AucUnanswerable { get; init; } = double.NaN;

    public double AucNearMiss { get; init; } = double.NaN;

    /// <summary>
    /// The answerable questions whose shown passages (those the answerer was given) hold a gold answer, and the share of
    /// them abstaining: the fairer abstention figure, since a question whose passages miss the answer looks to the
    /// abstainer exactly like a near-miss.
    /// </summary>
    public int AnswerableGoldShown { get; init; }

    public double AbstainedAnswerableGoldShown { get; init; }

    /// <summary>The follow-ups with the conversation at each weight of <c>--context-weights</c>, and the weight <see cref="ContextWeightRule"/> picks.</summary>
    public IReadOnlyList<(double Weight, QaFollowUpFigures Figures)> FollowUpsByContextWeight { get; init; } = [];

    public double ChosenContextWeight { get; init; } = double.NaN;

    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendFormat(
            CultureInfo.InvariantCulture,
            "{0} answerable, {1} unanswerable, {2} near-miss, {16} off-topic (Search:AbstainBelow {3:F3})\n" +
            "first sentence holds gold {4:P1}  answer contains gold {5:P1} (of answered {6:P1}, {7:F0} words on average)\n" +
            "SQuAD EM {8:F1}  F1 {9:F1}  cites a gold passage {10:P1}\n" +
            "abstained: answerable {11:P1} (of the {18} whose shown passages hold the gold {19:P1})  unanswerable {12:P1}  near-miss {13:P1}  off-topic {17:P1}\n" +
            "AUC of the confidence: answerable vs unanswerable {14:F3}  vs near-miss {15:F3}\n",
            Answerable, Unanswerable, NearMiss, AbstainBelow, FirstSentenceCorrect, ContainsGold, ContainsGoldWhenAnswered, MeanAnswerWords,
            ExactMatch * 100, F1 * 100, CitedGoldPassage, AbstainedAnswerable, AbstainedUnanswerable, AbstainedNearMiss, AucUnanswerable, AucNearMiss, OffTopic, AbstainedOffTopic,
            AnswerableGoldShown, AbstainedAnswerableGoldShown);
        if (FollowUps is { Count: > 0 } f && FollowUpsAlone is { } a)
        {
            text.AppendFormat(
                CultureInfo.InvariantCulture,
                "follow-ups ({0}): with the conversation first sentence {1:P1}, contains gold {2:P1}, abstained {3:P1}; asked alone {4:P1}, {5:P1}, {6:P1}\n",
                f.Count, f.FirstSentenceCorrect, f.ContainsGold, f.Abstained, a.FirstSentenceCorrect, a.ContainsGold, a.Abstained);
        }

        if (FollowUpsByContextWeight.Count > 0)
        {
            text.Append("follow-ups by context weight (first sentence / contains gold / abstained):");
            foreach (var (weight, figures) in FollowUpsByContextWeight)
            {
                text.AppendFormat(CultureInfo.InvariantCulture, " {0:0.###}: {1:P1} / {2:P1} / {3:P1};", weight, figures.FirstSentenceCorrect, figures.ContainsGold, figures.Abstained);
            }

            text.AppendFormat(CultureInfo.InvariantCulture, " chosen by the rule (highest first sentence, then contains gold, then the smaller weight): {0:0.###}\n", ChosenContextWeight);
        }

        if (Chat is { Count: > 0 } c && ChatUncorrected is { } u && AnswerableUncorrected is { } w)
        {
            text.AppendFormat(
                CultureInfo.InvariantCulture,
                "chat-typed ({0}; first sentence / contains gold / abstained): without spelling correction {1:P1} / {2:P1} / {3:P1}; with it {4:P1} / {5:P1} / {6:P1}\n" +
                "as written without spelling correction {7:P1} / {8:P1} / {9:P1} (with it: the first lines)\n",
                c.Count, u.FirstSentenceCorrect, u.ContainsGold, u.Abstained, c.FirstSentenceCorrect, c.ContainsGold, c.Abstained, w.FirstSentenceCorrect, w.ContainsGold, w.Abstained);
        }

        if (ChatNearMiss is { Count: > 0 } cn && ChatNearMissUncorrected is { } un && NearMissUncorrected is { } nu)
        {
            text.AppendFormat(
                CultureInfo.InvariantCulture,
                "near-miss ({0}) abstained, chat-typed: without spelling correction {1:P1}, with it {2:P1}; as written without it {3:P1} (with it: above)\n",
                cn.Count,
                un.Abstained,
                cn.Abstained,
                nu.Abstained);
        }

        if (Sweep.Count > 0)
        {
            text.Append("threshold sweep (abstained answerable (of those whose shown passages hold the gold) / unanswerable / near-miss / off-topic; first sentence holds gold; answer contains gold; follow-ups' first sentence):\n");
            foreach (var point in Sweep)
            {
                text.AppendFormat(
                    CultureInfo.InvariantCulture,
                    "  {0:F3}: {1:P1} ({8:P1}) / {2:P1} / {3:P1} / {7:P1}; {4:P1}; {5:P1}; {6:P1}\n",
                    point.Threshold, point.AbstainedAnswerable, point.AbstainedUnanswerable, point.AbstainedNearMiss, point.FirstSentenceCorrect, point.ContainsGold, point.FollowUpFirstSentence, point.AbstainedOffTopic, point.AbstainedAnswerableGoldShown);
            }
        }

        return text.ToString();
    }
}

/// <summary>One threshold of the sweep: the share abstaining of each kind, first-sentence accuracy and answer-contains-gold (abstaining counts as wrong).</summary>
public sealed record QaSweepPoint(double Threshold, double AbstainedAnswerable, double AbstainedUnanswerable, double AbstainedNearMiss, double FirstSentenceCorrect, double ContainsGold)
{
    /// <summary>First-sentence accuracy of the follow-ups asked with the conversation (0 when none were asked).</summary>
    public double FollowUpFirstSentence { get; init; }

    /// <summary>The share of off-topic asks abstaining (0 when none were asked).</summary>
    public double AbstainedOffTopic { get; init; }

    /// <summary>The share abstaining of the answerable questions whose shown passages hold the gold.</summary>
    public double AbstainedAnswerableGoldShown { get; init; }
}

/// <summary>First-sentence accuracy, answer-contains-gold and abstention over a set of follow-up questions.</summary>
public sealed record QaFollowUpFigures(int Count, double FirstSentenceCorrect, double ContainsGold, double Abstained);
