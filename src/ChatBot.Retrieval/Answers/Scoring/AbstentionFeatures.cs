using ChatBot.Retrieval.Text;

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
        "predicate_in_best",     // idf-weighted share of the question's other stems (not names: what it asks about them) in the best sentence
        "predicate_anywhere",    // the same in any candidate sentence (the relation asked about is in the passages at all)
        "predicate_near_best",   // the same in the best sentence or its neighbours in the passage
        "names_anywhere",        // share of the question's names and numbers found in any candidate (the topic is there)
        "best_bigrams",          // share of the question's adjacent stem pairs found adjacent in the best sentence
        "best_proximity",        // the best sentence's matched stems / the shortest window holding them
        "coverage_margin",       // the best sentence's coverage minus the highest coverage of any other candidate
        "max_coverage",          // the highest coverage of any candidate sentence
        "focus_in_best",         // the word the question asks for ("what dynasty", "how many yards") is in the best sentence
        "expects_quantity",      // the question asks how much / how many
        "expects_date",          // the question asks when
        "expects_name",          // the question asks who / where
        "type_beside_terms",     // the best sentence's answer-type phrase stands within a few words of a question word
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
            .. Specific(question, ranked),
        ];
    }

    /// <summary>
    /// Whether the specific fact is there, not only the topic: the question's names (the topic) and the rest of its
    /// terms (what it asks about them) are looked for apart, and the answer type it expects is a feature of its own.
    /// </summary>
    private static double[] Specific(SentenceFeatures.QuestionTerms question, IReadOnlyList<SentenceCandidate> ranked)
    {
        var best = ranked[0];
        var names = RankingFeatures.NamesIn(question.Text);
        var nameStems = names.SelectMany(n => TextTerms.ContentTerms(n)).ToHashSet(StringComparer.Ordinal);
        var predicate = question.Weights.Where(w => !nameStems.Contains(w.Key)).ToList();
        var predicateTotal = predicate.Sum(w => w.Value);
        double Share(IEnumerable<SentenceCandidate> sentences)
        {
            var stems = sentences.SelectMany(c => c.Stems).ToHashSet(StringComparer.Ordinal);
            return predicateTotal <= 0 ? 1 : predicate.Where(w => stems.Contains(w.Key)).Sum(w => w.Value) / predicateTotal;
        }

        var near = ranked.Where(c => c.PassageRank == best.PassageRank && Math.Abs(c.Index - best.Index) <= 1);
        var others = ranked.Skip(1).Select(c => c.Coverage).DefaultIfEmpty(0).Max();
        var focus = Focus(question.Text);
        return
        [
            Share([best]),
            Share(ranked),
            Share(near),
            names.Count == 0 ? 1 : names.Count(n => ranked.Any(c => c.Text.Contains(n, StringComparison.OrdinalIgnoreCase))) / (double)names.Count,
            Feature(best, "bigrams"),
            Feature(best, "proximity"),
            best.Coverage - others,
            ranked.Max(c => c.Coverage),
            focus is null ? 0.5 : best.Stems.Contains(focus) ? 1 : 0,
            question.Kind == AnswerKind.Quantity ? 1 : 0,
            question.Kind == AnswerKind.Date ? 1 : 0,
            question.Kind is AnswerKind.Person or AnswerKind.Place ? 1 : 0,
            TypeBesideTerms(question, best),
        ];
    }

    /// <summary>1 / (1 + words between the answer-type phrase and the nearest question word / 3); 0 without a phrase or a match.</summary>
    private static double TypeBesideTerms(SentenceFeatures.QuestionTerms question, SentenceCandidate best)
    {
        if (best.AnswerSpan is not { } span)
        {
            return 0;
        }

        var tokens = TextTerms.Tokens(best.Text).ToList();
        var inside = tokens.FindIndex(t => t.Start >= span.Start);
        var after = tokens.FindIndex(t => t.Start >= span.Start + span.Length);
        inside = inside < 0 ? tokens.Count : inside;
        after = after < 0 ? tokens.Count : after;
        var nearest = int.MaxValue;
        for (var i = 0; i < tokens.Count; i++)
        {
            if ((i < inside || i >= after) && question.Weights.ContainsKey(TextTerms.Stem(tokens[i].Token)))
            {
                nearest = Math.Min(nearest, i < inside ? inside - i - 1 : i - after);
            }
        }

        return nearest == int.MaxValue ? 0 : 1 / (1 + (nearest / 3.0));
    }

    private static readonly HashSet<string> FocusAfter = new(["what", "which", "many", "much", "whose"], StringComparer.Ordinal);

    /// <summary>The stem of the first content word after what / which / how many / how much / whose, if any.</summary>
    private static string? Focus(string question)
    {
        var tokens = TextTerms.Tokens(question).Select(t => t.Token).ToList();
        var at = tokens.FindIndex(FocusAfter.Contains);
        if (at < 0)
        {
            return null;
        }

        var word = tokens.Skip(at + 1).Take(1).FirstOrDefault(t => !TextTerms.IsStopWord(t));
        return word is null ? null : TextTerms.Stem(word);
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
