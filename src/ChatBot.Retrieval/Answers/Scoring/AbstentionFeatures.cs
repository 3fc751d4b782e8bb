namespace ChatBot.Retrieval.Answers.Scoring;

/// <summary>
/// What decides between quoting the best sentence and saying the articles do not hold the answer: features of the
/// whole ranked list for one question, each about 0..1. <see cref="Names"/> fixes their order, the order of the
/// learned weights in <c>abstention-weights.json</c>.
/// </summary>
public static class AbstentionFeatures
{
    public static readonly IReadOnlyList<string> Names =
    [
        "best_probability",      // the sentence model's probability of the best sentence
        "second_probability",    // the same for the second best (0 when there is none)
        "best_coverage",         // idf-weighted share of the question's stems in the best sentence
        "rare_terms_in_best",    // share of the question's rare stems (idf at least half the rarest's) in the best sentence
        "terms_nowhere",         // idf-weighted share of the question's stems that no candidate sentence holds
        "best_sentence_cosine",  // MiniLM cosine of the question and the best sentence
        "type_in_best",          // the expected answer type (number, date, name, …) found in the best sentence
        "type_nowhere",          // a type is expected and no candidate sentence has one (answer-type mismatch)
        "top_passage_cosine",    // MiniLM cosine of the question and the best passage (is the topic there at all)
        "short_question",        // 1 / the question's number of content stems
        "best_first_stage",      // the first stage's (boosted trees') probability of the best sentence
        "first_stage_margin",    // that minus the first stage's probability of the next candidate
        "best_matched_share",    // share of the question's stems in the best sentence, unweighted
        "scattered_terms",       // coverage of the best sentence's passage as a whole minus the best sentence's own
        "max_sentence_cosine",   // the highest MiniLM cosine of the question to any candidate sentence
        "best_cosine_gap",       // that minus the best sentence's own cosine
        "best_names_found",      // share of the question's names and numbers found in the best sentence
    ];

    public static int Count => Names.Count;

    /// <summary>The features of a non-empty ranked list (best first, with their <see cref="SentenceFeatures"/>).</summary>
    public static double[] Compute(SentenceFeatures.QuestionTerms question, IReadOnlyList<SentenceCandidate> ranked, IReadOnlyList<Passage> passages)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(passages);
        if (ranked.Count == 0)
        {
            throw new ArgumentException("There is no candidate sentence to judge.", nameof(ranked));
        }

        var best = ranked[0];
        var rarest = question.Weights.Count == 0 ? 0 : question.Weights.Values.Max();
        var rare = question.Weights.Where(w => w.Value >= rarest / 2).Select(w => w.Key).ToList();
        var bestStems = best.Stems.ToHashSet(StringComparer.Ordinal);
        var anywhere = ranked.SelectMany(c => c.Stems).ToHashSet(StringComparer.Ordinal);
        var nowhere = question.Total <= 0 ? 0 : question.Weights.Where(w => !anywhere.Contains(w.Key)).Sum(w => w.Value) / question.Total;
        var expectsType = question.Kind is not (AnswerKind.None or AnswerKind.YesNo);
        return
        [
            best.Probability,
            ranked.Count > 1 ? ranked[1].Probability : 0,
            best.Coverage,
            rare.Count == 0 ? 0 : rare.Count(bestStems.Contains) / (double)rare.Count,
            nowhere,
            Feature(best, "sentence_cosine"),
            Feature(best, "type_match"),
            expectsType && ranked.All(c => c.AnswerSpan is null) ? 1 : 0,
            passages.Count == 0 ? 0 : Math.Max(0, passages[0].Candidate.DenseSimilarity),
            1.0 / Math.Max(1, question.Weights.Count),
            best.FirstStageProbability,
            best.FirstStageProbability - (ranked.Count > 1 ? ranked[1].FirstStageProbability : 0),
            Ranking(best, "matched_share"),
            Math.Max(0, Ranking(best, "passage_coverage") - best.Coverage),
            ranked.Max(c => Feature(c, "sentence_cosine")),
            ranked.Max(c => Feature(c, "sentence_cosine")) - Feature(best, "sentence_cosine"),
            Ranking(best, "names_found"),
        ];
    }

    private static double Ranking(SentenceCandidate candidate, string name)
    {
        var index = RankingFeatures.IndexOf(name);
        return candidate.RankFeatures.Count > index ? candidate.RankFeatures[index] : 0;
    }

    private static double Feature(SentenceCandidate candidate, string name)
    {
        var index = SentenceFeatures.IndexOf(name);
        return candidate.Features.Count > index ? candidate.Features[index] : 0;
    }
}
