namespace ChatBot.Retrieval.Answers.Scoring;

/// <summary>
/// The one rule after the learned first stage: when the question expects an answer type and the first stage's best
/// sentence has no phrase that fits it (<c>type_fits</c>: money for "how much … cost", a length for "how deep", a
/// remedy for "how do i stop …", a date for "when", a name for "who") while one of the next <see cref="Within"/>
/// candidates has one, that candidate is quoted first; the best-covering sentence is usually quoted after it. The trees, learned from SQuAD where the sentence that covers most of the question's words usually
/// holds the answer, put the covering sentence first (qa findings A1, A5, A6). Which kinds and how far down were chosen
/// on cross-fitted train scores (<c>eval train-first-stage</c> prints each variant), never on the test part.
/// </summary>
public static class ExpectedTypeFirst
{
    /// <summary>How many candidates after the best may be moved ahead of it.</summary>
    public const int Within = 1;

    /// <summary>Whether a quantity question that counts its own noun ("how many homes") is read, not only one asking for a unit (<see cref="AnswerType.AsksForAUnit"/>).</summary>
    public const bool Counts = false;

    /// <summary>The answer kinds the rule reads (the others expect no phrase, or any name).</summary>
    public static readonly IReadOnlySet<AnswerKind> Kinds = new HashSet<AnswerKind> { AnswerKind.Quantity, AnswerKind.Advice };

    private static readonly int KindIndex = RankingFeatures.IndexOf("answer_kind");
    private static readonly int FitsIndex = RankingFeatures.IndexOf("type_fits");

    /// <summary>
    /// The candidates (best first) in the order they are quoted. Only the order of the quote changes: the confidence is
    /// judged on the first stage's own ranking, as the abstainer learned it.
    /// </summary>
    public static IReadOnlyList<SentenceCandidate> Apply(SentenceFeatures.QuestionTerms question, IReadOnlyList<SentenceCandidate> ranked)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(ranked);
        var first = Pick([.. ranked.Select(c => c.RankFeatures)], AnswerType.AsksForAUnit(question.Stems));
        return first == 0 ? ranked : [ranked[first], .. ranked.Take(first), .. ranked.Skip(first + 1)];
    }

    /// <summary>Which of the ranked candidates' <see cref="RankingFeatures"/> rows goes first (0: the best stays).</summary>
    public static int Pick(IReadOnlyList<IReadOnlyList<double>> ranked, bool asksForAUnit, int within = Within, bool counts = Counts, IReadOnlySet<AnswerKind>? kinds = null)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        if (ranked.Count < 2 || ranked[0].Count <= FitsIndex || ranked[0][FitsIndex] > 0)
        {
            return 0;
        }

        var kind = KindOf(ranked[0]);
        if (!(kinds ?? Kinds).Contains(kind) || (kind == AnswerKind.Quantity && !asksForAUnit && !counts))
        {
            return 0;
        }

        for (var i = 1; i <= within && i < ranked.Count; i++)
        {
            if (ranked[i][FitsIndex] > 0)
            {
                return i;
            }
        }

        return 0;
    }

    private static AnswerKind KindOf(IReadOnlyList<double> row) => (AnswerKind)(int)Math.Round(row[KindIndex] * 10);
}
