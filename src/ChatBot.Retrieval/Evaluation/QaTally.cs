namespace ChatBot.Retrieval.Evaluation;

/// <summary>Accumulates the outcome of each evaluated question and turns them into a <see cref="QaReport"/>.</summary>
internal sealed class QaTally
{
    private readonly List<Outcome> _outcomes = [];
    private double _contains, _em, _f1, _cited, _words;
    private int _answered;

    public enum Kind
    {
        Answerable,
        Unanswerable,
        NearMiss,
        FollowUp,
        FollowUpAlone,
    }

    public void Add(Kind kind, EvalQuestion question, Core.Model.Answer answer, string text, IReadOnlyList<string> citedIds)
    {
        var golds = question.Answers ?? [];
        var first = answer.Abstained ? null : answer.Sentences is { Count: > 0 } quoted ? quoted[0] : text;
        var scored = kind is Kind.Answerable or Kind.FollowUp or Kind.FollowUpAlone;
        var firstCorrect = scored && first is not null && SquadScoring.ContainsGold(first, golds);
        var contains = scored && !answer.Abstained && SquadScoring.ContainsGold(text, golds);
        _outcomes.Add(new Outcome(kind, answer.Abstained, answer.Confidence, firstCorrect, contains));
        if (kind != Kind.Answerable || answer.Abstained)
        {
            return;
        }

        _answered++;
        _contains += SquadScoring.ContainsGold(text, golds) ? 1 : 0;
        _em += SquadScoring.ExactMatch(text, golds);
        _f1 += SquadScoring.F1(text, golds);
        _words += text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        _cited += question.PassageIds is { Count: > 0 } gold && citedIds.Any(gold.Contains) ? 1 : 0;
    }

    public QaReport Report(double abstainBelow)
    {
        var answerable = _outcomes.Where(o => o.Kind == Kind.Answerable).ToList();
        var unanswerable = _outcomes.Where(o => o.Kind == Kind.Unanswerable).ToList();
        var nearMiss = _outcomes.Where(o => o.Kind == Kind.NearMiss).ToList();
        static double Rate(int count, int total) => total == 0 ? 0 : count / (double)total;
        var sweep = Enumerable.Range(0, 37).Select(i => 0.05 + (i * 0.025))
            .Select(t => new QaSweepPoint(
                t,
                Rate(answerable.Count(o => o.Confidence < t), answerable.Count),
                Rate(unanswerable.Count(o => o.Confidence < t), unanswerable.Count),
                Rate(nearMiss.Count(o => o.Confidence < t), nearMiss.Count),
                Rate(answerable.Count(o => o.FirstCorrect && o.Confidence >= t), answerable.Count),
                Rate(answerable.Count(o => o.ContainsGold && o.Confidence >= t), answerable.Count)))
            .ToList();
        var n = Math.Max(answerable.Count, 1);
        var positives = answerable.Select(o => o.Confidence).ToList();
        return new QaReport(
            answerable.Count,
            unanswerable.Count,
            _contains / n,
            _answered == 0 ? 0 : _contains / _answered,
            _em / n,
            _f1 / n,
            Rate(answerable.Count(o => o.Abstained), answerable.Count),
            Rate(unanswerable.Count(o => o.Abstained), unanswerable.Count),
            _cited / n,
            abstainBelow,
            sweep)
        {
            FirstSentenceCorrect = Rate(answerable.Count(o => o.FirstCorrect), answerable.Count),
            FollowUps = FollowUpFigures(Kind.FollowUp),
            FollowUpsAlone = FollowUpFigures(Kind.FollowUpAlone),
            MeanAnswerWords = _answered == 0 ? 0 : _words / _answered,
            NearMiss = nearMiss.Count,
            AbstainedNearMiss = Rate(nearMiss.Count(o => o.Abstained), nearMiss.Count),
            AucUnanswerable = ConfidenceAuc.Compute(positives, unanswerable.Select(o => o.Confidence).ToList()),
            AucNearMiss = ConfidenceAuc.Compute(positives, nearMiss.Select(o => o.Confidence).ToList()),
        };
    }

    private QaFollowUpFigures FollowUpFigures(Kind kind)
    {
        var outcomes = _outcomes.Where(o => o.Kind == kind).ToList();
        var n = Math.Max(outcomes.Count, 1);
        return new QaFollowUpFigures(outcomes.Count, outcomes.Count(o => o.FirstCorrect) / (double)n, outcomes.Count(o => o.ContainsGold) / (double)n, outcomes.Count(o => o.Abstained) / (double)n);
    }

    private sealed record Outcome(Kind Kind, bool Abstained, double Confidence, bool FirstCorrect, bool ContainsGold);
}
