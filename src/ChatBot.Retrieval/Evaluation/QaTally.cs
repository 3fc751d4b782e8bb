namespace ChatBot.Retrieval.Evaluation;

/// <summary>
/// Accumulates the outcome of each evaluated question and turns them into a <see cref="QaReport"/>. Answers come
/// quoted even below the threshold (with their confidence), so every figure is read at <c>threshold</c> and the
/// sweep at each of its thresholds from the same run: below it an answer counts as abstained (and wrong).
/// </summary>
internal sealed class QaTally(double threshold)
{
    private readonly List<Outcome> _outcomes = [];
    private readonly SortedDictionary<double, List<Outcome>> _followUpsByWeight = [];

    public enum Kind
    {
        Answerable,
        Unanswerable,
        NearMiss,
        FollowUp,
        FollowUpAlone,

        /// <summary>The answerable question over other articles' passages only (must abstain).</summary>
        OffTopic,

        /// <summary>The answerable question typed the chat way (<see cref="ChatStyle"/>), with and without spelling correction.</summary>
        Chat,
        ChatUncorrected,

        /// <summary>The chat-typed question with its answer sentences hidden (must abstain), with and without spelling correction.</summary>
        ChatNearMiss,
        ChatNearMissUncorrected,

        /// <summary>The near-miss question as written, without spelling correction.</summary>
        NearMissUncorrected,

        /// <summary>The answerable question as written, without spelling correction (the clean figures' "before").</summary>
        AnswerableUncorrected,
    }

    /// <summary>
    /// One outcome; <paramref name="goldShown"/>: the passages the answerer was shown hold a gold answer (the fairer
    /// answerable abstention counts only those questions).
    /// </summary>
    public void Add(Kind kind, EvalQuestion question, Core.Model.Answer quoted, bool goldShown = false) => _outcomes.Add(OutcomeOf(kind, question, quoted, goldShown));

    /// <summary>A follow-up asked with the conversation, its topic words scored at <paramref name="weight"/> (<see cref="ContextWeightRule"/>).</summary>
    public void AddFollowUpAt(double weight, EvalQuestion question, Core.Model.Answer quoted)
    {
        if (!_followUpsByWeight.TryGetValue(weight, out var outcomes))
        {
            _followUpsByWeight[weight] = outcomes = [];
        }

        outcomes.Add(OutcomeOf(Kind.FollowUp, question, quoted, goldShown: false));
    }

    private static Outcome OutcomeOf(Kind kind, EvalQuestion question, Core.Model.Answer quoted, bool goldShown)
    {
        var golds = question.Answers ?? [];
        var sentences = quoted.Abstained ? [] : quoted.Sentences ?? quoted.Citations.Select(c => c.Quote).ToList();
        var text = string.Join(' ', sentences);
        var scored = kind is not (Kind.Unanswerable or Kind.NearMiss or Kind.ChatNearMiss or Kind.ChatNearMissUncorrected or Kind.NearMissUncorrected) && sentences.Count > 0;
        var cited = quoted.Abstained ? [] : quoted.Citations.Select(c => c.Source.StartsWith(EvaluationRunner.SourcePrefix, StringComparison.Ordinal) ? c.Source[EvaluationRunner.SourcePrefix.Length..] : c.Source);
        return new Outcome(
            kind,
            quoted.Abstained ? 0 : quoted.Confidence,
            scored && SquadScoring.ContainsGold(sentences[0], golds),
            scored && SquadScoring.ContainsGold(text, golds),
            scored ? SquadScoring.ExactMatch(text, golds) : 0,
            scored ? SquadScoring.F1(text, golds) : 0,
            text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length,
            question.PassageIds is { Count: > 0 } gold && cited.Any(gold.Contains),
            goldShown);
    }

    public QaReport Report()
    {
        var answerable = Of(Kind.Answerable);
        var unanswerable = Of(Kind.Unanswerable);
        var nearMiss = Of(Kind.NearMiss);
        var offTopic = Of(Kind.OffTopic);
        var answered = answerable.Where(o => o.Answered(threshold)).ToList();
        var goldShown = answerable.Where(o => o.GoldShown).ToList();
        var byWeight = _followUpsByWeight.Select(w => (w.Key, FollowUpFigures(w.Value))).ToList();
        var sweep = Enumerable.Range(0, 37).Select(i => 0.05 + (i * 0.025))
            .Select(t => new QaSweepPoint(
                t,
                Abstained(answerable, t),
                Abstained(unanswerable, t),
                Abstained(nearMiss, t),
                Rate(answerable.Count(o => o.FirstCorrect && o.Answered(t)), answerable.Count),
                Rate(answerable.Count(o => o.ContainsGold && o.Answered(t)), answerable.Count))
            {
                FollowUpFirstSentence = Rate(Of(Kind.FollowUp).Count(o => o.FirstCorrect && o.Answered(t)), Of(Kind.FollowUp).Count),
                AbstainedOffTopic = Abstained(offTopic, t),
                AbstainedAnswerableGoldShown = Abstained(goldShown, t),
            })
            .ToList();
        var positives = answerable.Select(o => o.Confidence).ToList();
        return new QaReport(
            answerable.Count,
            unanswerable.Count,
            Rate(answered.Count(o => o.ContainsGold), answerable.Count),
            Rate(answered.Count(o => o.ContainsGold), answered.Count),
            Rate(answered.Sum(o => o.ExactMatch), answerable.Count),
            Rate(answered.Sum(o => o.F1), answerable.Count),
            Abstained(answerable, threshold),
            Abstained(unanswerable, threshold),
            Rate(answered.Count(o => o.CitedGold), answerable.Count),
            threshold,
            sweep)
        {
            FirstSentenceCorrect = Rate(answered.Count(o => o.FirstCorrect), answerable.Count),
            FollowUps = FollowUpFigures(Kind.FollowUp),
            FollowUpsAlone = FollowUpFigures(Kind.FollowUpAlone),
            Chat = FollowUpFigures(Kind.Chat),
            ChatUncorrected = FollowUpFigures(Kind.ChatUncorrected),
            ChatNearMiss = FollowUpFigures(Kind.ChatNearMiss),
            ChatNearMissUncorrected = FollowUpFigures(Kind.ChatNearMissUncorrected),
            NearMissUncorrected = FollowUpFigures(Kind.NearMissUncorrected),
            AnswerableUncorrected = FollowUpFigures(Kind.AnswerableUncorrected),
            MeanAnswerWords = answered.Count == 0 ? 0 : answered.Average(o => o.Words),
            NearMiss = nearMiss.Count,
            AbstainedNearMiss = Abstained(nearMiss, threshold),
            OffTopic = offTopic.Count,
            AbstainedOffTopic = Abstained(offTopic, threshold),
            AucUnanswerable = ConfidenceAuc.Compute(positives, unanswerable.Select(o => o.Confidence).ToList()),
            AucNearMiss = ConfidenceAuc.Compute(positives, nearMiss.Select(o => o.Confidence).ToList()),
            AnswerableGoldShown = goldShown.Count,
            AbstainedAnswerableGoldShown = Abstained(goldShown, threshold),
            FollowUpsByContextWeight = byWeight,
            ChosenContextWeight = ContextWeightRule.Choose(byWeight),
        };
    }

    private static double Rate(double count, int total) => total == 0 ? 0 : count / total;

    private static double Abstained(List<Outcome> outcomes, double t) => Rate(outcomes.Count(o => !o.Answered(t)), outcomes.Count);

    private List<Outcome> Of(Kind kind) => _outcomes.Where(o => o.Kind == kind).ToList();

    private QaFollowUpFigures FollowUpFigures(Kind kind) => FollowUpFigures(Of(kind));

    private QaFollowUpFigures FollowUpFigures(List<Outcome> outcomes)
    {
        var answered = outcomes.Where(o => o.Answered(threshold)).ToList();
        return new QaFollowUpFigures(outcomes.Count, Rate(answered.Count(o => o.FirstCorrect), outcomes.Count), Rate(answered.Count(o => o.ContainsGold), outcomes.Count), Abstained(outcomes, threshold));
    }

    private sealed record Outcome(Kind Kind, double Confidence, bool FirstCorrect, bool ContainsGold, double ExactMatch, double F1, int Words, bool CitedGold, bool GoldShown)
    {
        /// <summary>Quoted at threshold <paramref name="t"/> (a hard abstention has confidence 0).</summary>
        public bool Answered(double t) => Confidence > 0 && Confidence >= t;
    }
}
