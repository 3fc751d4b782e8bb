using ChatBot.Retrieval.Text;

namespace ChatBot.Retrieval.Answers.Scoring;

/// <summary>
/// The features of one candidate sentence for one question, each about 0..1. <see cref="Names"/> fixes their order,
/// the order of the learned weights in <c>sentence-weights.json</c>.
/// </summary>
public static class SentenceFeatures
{
    public static readonly IReadOnlyList<string> Names =
    [
        "coverage",            // idf-weighted share of the question's stems in the sentence
        "previous_coverage",   // the same for the sentence before it (the answer often follows "He said …")
        "bigrams",             // share of the question's adjacent stem pairs found adjacent in the sentence
        "proximity",           // matched stems / the shortest window holding them all
        "type_match",          // a phrase of the expected answer type (number, date, name, place, obligation) not in the question
        "type_missing",        // a type is expected and the sentence has none
        "sentence_cosine",     // MiniLM cosine of the question and the sentence
        "passage_cosine",      // MiniLM cosine of the question and the passage
        "passage_score",       // the passage's fused search score
        "passage_rank",        // 1 / (1 + rank among the answer passages)
        "position",            // 1 / (1 + the sentence's index in its passage)
        "new_words",           // share of the sentence's stems the question does not have
        "length",              // min(words, 40) / 40
    ];

    /// <summary>The features of the first, lexical stage (<see cref="FirstStageModel"/>): all but the sentence's own cosine.</summary>
    public static readonly IReadOnlyList<string> LexicalNames = [.. Names.Where(n => n != "sentence_cosine")];

    public static int Count => Names.Count;

    /// <summary>The <see cref="LexicalNames"/> features out of a full feature vector.</summary>
    public static double[] Lexical(IReadOnlyList<double> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var dense = IndexOf("sentence_cosine");
        return [.. features.Where((_, i) => i != dense)];
    }

    public static int IndexOf(string name)
    {
        for (var i = 0; i < Names.Count; i++)
        {
            if (Names[i] == name)
            {
                return i;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(name), name, "Not a sentence feature.");
    }

    /// <summary>What the question contributes to every candidate's features (computed once per ask).</summary>
    public sealed record QuestionTerms(IReadOnlyDictionary<string, double> Weights, double Total, IReadOnlyList<(string, string)> Bigrams, AnswerKind Kind, IReadOnlySet<string> Stems)
    {
        /// <summary>The question as asked.</summary>
        public string Text { get; init; } = string.Empty;

        public static QuestionTerms From(string question, TermWeights weights)
        {
            ArgumentNullException.ThrowIfNull(weights);
            var stems = TextTerms.ContentTerms(question);
            var bigrams = stems.Zip(stems.Skip(1)).Distinct().ToList();
            return new QuestionTerms(weights.ByStem, weights.Total, bigrams, AnswerType.Of(question), stems.Concat(weights.ByStem.Keys).ToHashSet(StringComparer.Ordinal)) { Text = question };
        }
    }

    /// <summary>Idf-weighted share of the question's stems present in <paramref name="sentenceStems"/>.</summary>
    public static double Coverage(QuestionTerms question, IReadOnlyList<string> sentenceStems)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(sentenceStems);
        if (question.Total <= 0)
        {
            return 0;
        }

        double matched = 0;
        foreach (var (stem, weight) in question.Weights)
        {
            if (sentenceStems.Contains(stem))
            {
                matched += weight;
            }
        }

        return matched / question.Total;
    }

    public static double[] Compute(
        QuestionTerms question, IReadOnlyList<string> stems, double coverage, double previousCoverage, bool typeFound, double sentenceCosine, Passage passage, int passageRank, int sentenceIndex)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(stems);
        ArgumentNullException.ThrowIfNull(passage);
        var expectsType = question.Kind is not (AnswerKind.None or AnswerKind.YesNo);
        var newWords = stems.Count == 0 ? 0 : stems.Count(s => !question.Stems.Contains(s)) / (double)stems.Count;
        return
        [
            coverage,
            previousCoverage,
            Bigrams(question, stems),
            Proximity(question, stems),
            expectsType && typeFound ? 1 : 0,
            expectsType && !typeFound ? 1 : 0,
            sentenceCosine,
            Math.Max(0, passage.Candidate.DenseSimilarity),
            Math.Clamp(passage.Candidate.FusedScore, 0, 1),
            1.0 / (1 + passageRank),
            1.0 / (1 + sentenceIndex),
            newWords,
            Math.Min(stems.Count, 40) / 40.0,
        ];
    }

    private static double Bigrams(QuestionTerms question, IReadOnlyList<string> stems)
    {
        if (question.Bigrams.Count == 0)
        {
            return 0;
        }

        var present = stems.Zip(stems.Skip(1)).ToHashSet();
        return question.Bigrams.Count(present.Contains) / (double)question.Bigrams.Count;
    }

    private static double Proximity(QuestionTerms question, IReadOnlyList<string> stems)
    {
        int first = -1, last = -1, matched = 0;
        for (var i = 0; i < stems.Count; i++)
        {
            if (question.Weights.ContainsKey(stems[i]))
            {
                first = first < 0 ? i : first;
                last = i;
                matched++;
            }
        }

        return matched < 2 ? 0 : matched / (double)(last - first + 1);
    }
}
