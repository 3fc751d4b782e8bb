namespace ChatBot.Retrieval.Answers.Scoring;

/// <summary>
/// The features of the first, lexical ranking stage (<see cref="FirstStageModel"/>): the <see cref="SentenceFeatures.LexicalNames"/>
/// of a candidate and what it is worth beside the other candidates of the same ask (the coverage of the best one, its
/// neighbours in the passage, the passage as a whole), for boosted trees. <see cref="Names"/> fixes their order.
/// </summary>
public static class RankingFeatures
{
    private static readonly string[] Extra =
    [
        "coverage_gap",        // 1 + coverage − the best coverage of any candidate of the ask
        "coverage_rank",       // 1 / (1 + rank of its coverage among the candidates)
        "next_coverage",       // coverage of the next candidate sentence of the passage
        "next_type_match",     // the next sentence has a phrase of the expected answer type
        "matched_share",       // share of the question's stems in the sentence, unweighted
        "rare_share",          // share of the question's rare stems (idf ≥ half the rarest's) in the sentence
        "passage_coverage",    // coverage of the whole passage (all its candidate sentences)
        "lexical_rank",        // 1 / (1 + the passage's BM25 rank), 0 when BM25 missed it
        "dense_rank",          // 1 / (1 + the passage's vector rank), 0 when the vector search missed it
        "answer_kind",         // the expected answer type, as a category code / 10
        "question_word",       // what / which / why / how / other, as a category code / 10
        "names_found",         // share of the question's names and numbers (capitalised inside it, or with digits) in the sentence
        "cue_match",           // a why-question's "because / due to / so that …", a how-question's "by / through / using …"
        "beside_best",         // the sentence is next to the candidate of the passage that covers the question best
        "answer_cosine",       // MiniLM cosine of the question and the sentence (its stored vector; else the passage's), 0 when the question expects an answer type the sentence lacks
        "answer_cosine_gap",   // 1 + that − the best such cosine of any candidate of the ask
        "answer_cosine_rank",  // 1 / (1 + rank of that cosine among the candidates)
        "type_fits",           // its answer phrase is what the question asks for: money for cost, a duration for "how long", a length for "how deep" …
        "follows_best",        // it is the sentence after the passage's best-covering one (the answer often follows as "He said …")
        "previous_gain",       // the previous sentence's coverage minus its own, at least 0
    ];

    public static readonly IReadOnlyList<string> Names = [.. SentenceFeatures.LexicalNames, .. Extra];

    public static int Count => Names.Count;

    public static int IndexOf(string name)
    {
        var index = Names.ToList().IndexOf(name);
        return index >= 0 ? index : throw new ArgumentOutOfRangeException(nameof(name), name, "Not a ranking feature.");
    }

    /// <summary>
    /// The ranking features of every candidate of one ask, in the order given; each candidate's <see cref="SentenceCandidate.Features"/>
    /// must hold its full <see cref="SentenceFeatures"/>.
    /// </summary>
    public static double[][] Compute(SentenceFeatures.QuestionTerms question, IReadOnlyList<SentenceCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(candidates);
        var bestCoverage = candidates.Count == 0 ? 0 : candidates.Max(c => c.Coverage);
        var coverages = candidates.Select(c => c.Coverage).OrderByDescending(c => c).ToList();
        var rarest = question.Weights.Count == 0 ? 0 : question.Weights.Values.Max();
        var rare = question.Weights.Where(w => w.Value >= rarest / 2).Select(w => w.Key).ToList();
        var byPosition = candidates.ToDictionary(c => (c.PassageRank, c.Index));
        var passageStems = candidates.GroupBy(c => c.PassageRank).ToDictionary(g => g.Key, g => g.SelectMany(c => c.Stems).ToList());
        var kind = (int)question.Kind / 10.0;
        var code = QuestionWord(question.Text);
        var word = code / 10.0;
        var names = NamesIn(question.Text);
        var dense = SentenceFeatures.IndexOf("sentence_cosine");
        var expectsType = question.Kind is not (AnswerKind.None or AnswerKind.YesNo);
        var cosines = candidates.Select(c => c.Features.Count > dense && (!expectsType || c.AnswerSpan is not null) ? c.Features[dense] : 0).ToList();
        var cosinesRanked = cosines.OrderByDescending(c => c).ToList();
        var bestCosine = cosines.Count == 0 ? 0 : cosinesRanked[0];
        var bestInPassage = candidates.GroupBy(c => c.PassageRank).ToDictionary(g => g.Key, g => g.MaxBy(c => c.Coverage)!.Index);
        var rows = new double[candidates.Count][];
        for (var i = 0; i < candidates.Count; i++)
        {
            var c = candidates[i];
            var stems = c.Stems.ToHashSet(StringComparer.Ordinal);
            var next = byPosition.GetValueOrDefault((c.PassageRank, c.Index + 1));
            var found = c.Passage.Candidate;
            rows[i] =
            [
                .. SentenceFeatures.Lexical(c.Features),
                1 + c.Coverage - bestCoverage,
                1.0 / (1 + coverages.IndexOf(c.Coverage)),
                next?.Coverage ?? 0,
                next?.AnswerSpan is null ? 0 : 1,
                question.Weights.Count == 0 ? 0 : question.Weights.Keys.Count(stems.Contains) / (double)question.Weights.Count,
                rare.Count == 0 ? 0 : rare.Count(stems.Contains) / (double)rare.Count,
                SentenceFeatures.Coverage(question, passageStems[c.PassageRank]),
                found.LexicalRank is int l ? 1.0 / (1 + l) : 0,
                found.DenseRank is int d ? 1.0 / (1 + d) : 0,
                kind,
                word,
                names.Count == 0 ? 0 : names.Count(n => c.Text.Contains(n, StringComparison.OrdinalIgnoreCase)) / (double)names.Count,
                Cue(code, c.Text) ? 1 : 0,
                Math.Abs(bestInPassage[c.PassageRank] - c.Index) == 1 ? 1 : 0,
                cosines[i],
                1 + cosines[i] - bestCosine,
                1.0 / (1 + cosinesRanked.IndexOf(cosines[i])),
                c.AnswerSpan is { } span && AnswerType.FitsQuestion(question.Kind, c.Text.Substring(span.Start, span.Length), question.Stems) ? 1 : 0,
                bestInPassage[c.PassageRank] == c.Index - 1 ? 1 : 0,
                Math.Max(0, c.PreviousCoverage - c.Coverage),
            ];
        }

        return rows;
    }

    private static readonly string[] WhyCues = ["because", "due to", "since", "so that", "in order to", "as a result", "reason", "led to", "caused"];
    private static readonly string[] HowCues = [" by ", "through", "using", " via ", " with "];

    private static bool Cue(int questionWord, string text) => questionWord switch
    {
        3 => WhyCues.Any(c => text.Contains(c, StringComparison.OrdinalIgnoreCase)),
        4 => HowCues.Any(c => text.Contains(c, StringComparison.OrdinalIgnoreCase)),
        _ => false,
    };

    // the question's words that name something: capitalised after its first word, or holding a digit
    private static List<string> NamesIn(string question)
    {
        var words = question.Split([' ', '?', ',', '"', '“', '”', '(', ')', ';', ':', '!'], StringSplitOptions.RemoveEmptyEntries);
        return [.. words.Skip(1).Select(w => w.TrimEnd('.').Replace("'s", string.Empty, StringComparison.Ordinal).Replace("’s", string.Empty, StringComparison.Ordinal))
            .Where(w => w.Length > 1 && (char.IsUpper(w[0]) || w.Any(char.IsDigit))).Distinct()];
    }

    private static int QuestionWord(string question)
    {
        var words = question.ToLowerInvariant().Split([' ', '?', ',', '\'', '"'], StringSplitOptions.RemoveEmptyEntries);
        string[] known = ["what", "which", "why", "how", "who", "when", "where", "name"];
        foreach (var w in words)
        {
            var index = Array.IndexOf(known, w);
            if (index >= 0)
            {
                return index + 1;
            }
        }

        return 0;
    }
}
