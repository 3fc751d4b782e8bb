using ChatBot.Core.Model;
using ChatBot.Retrieval.Answers.Scoring;
using ChatBot.Retrieval.Embeddings;
using ChatBot.Retrieval.Search;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace ChatBot.Retrieval.Answers;

/// <summary>
/// Answers without a language model. The sentences of the best passages (not headings, not titles) get the
/// <see cref="SentenceFeatures"/>; the learned <see cref="FirstStageModel"/> ranks them all without encoding any, and
/// only its best <see cref="SearchOptions.DenseSentences"/> are encoded with the embedding model (one batch) and ranked
/// again by the learned <see cref="SentenceModel"/>'s probability of holding the answer. The best sentence is quoted first with its
/// answer phrase in bold (<see cref="AnswerComposer"/>). The confidence is the learned <see cref="AbstentionModel"/>'s
/// probability that the articles hold the answer at all (<see cref="AbstentionFeatures"/> of the whole ranked list);
/// below <see cref="AbstainBelow"/> the bot says the articles do not hold the answer.
/// </summary>
public sealed class ExtractiveAnswerer(IOptions<SearchOptions> options, IEmbeddingGenerator<string, Embedding<float>>? embeddings = null)
{
    public const string NotFound = "I could not find that in the indexed articles.";

    private readonly SearchOptions _options = options.Value;

    public SentenceModel Model { get; init; } = SentenceModel.Default;

    public AbstentionModel Abstention { get; init; } = AbstentionModel.Default;

    public FirstStageModel FirstStage { get; init; } = FirstStageModel.Default;

    /// <summary>The abstention threshold: <c>Search:AbstainBelow</c> when set, else the one shipped with the <see cref="Abstention"/> model.</summary>
    public double AbstainBelow => _options.AbstainBelow ?? Abstention.AbstainBelow;

    /// <summary>The same answerer ranking with other first-stage trees (training: trees that never saw the question).</summary>
    public ExtractiveAnswerer WithFirstStage(FirstStageModel firstStage) => new(options, embeddings) { Model = Model, Abstention = Abstention, FirstStage = firstStage, Cosines = Cosines };

    /// <summary>Where each candidate's own cosine comes from (shared by answerers made <see cref="WithFirstStage"/>, so training encodes a sentence once).</summary>
    private SentenceCosines Cosines { get; init; } = new(embeddings, options.Value.EncodeMissingSentences);

    /// <summary>Answers with sentence vectors when an embedding model and the query's vector are at hand.</summary>
    /// <paramref name="quoteBelowThreshold"/> (evaluation only) quotes the best sentences even below the threshold, so one
    /// run can be read at every threshold; the confidence is the same.
    public async Task<Answer> AnswerAsync(
        string question, TermWeights weights, IReadOnlyList<Passage> passages, ReadOnlyMemory<float> queryVector, CancellationToken cancellationToken, bool quoteBelowThreshold = false)
    {
        var ranked = await RankAsync(question, weights, passages, queryVector, cancellationToken);
        return Compose(question, weights, ranked, passages, quoteBelowThreshold);
    }

    /// <summary>Answers without sentence vectors: the first, lexical stage alone ranks the sentences.</summary>
    public Answer Answer(string question, TermWeights weights, IReadOnlyList<Passage> passages)
    {
        ArgumentNullException.ThrowIfNull(passages);
        var ranked = Pool(SentenceFeatures.QuestionTerms.From(question, weights), passages);
        return Compose(question, weights, ranked, passages, quoteBelowThreshold: false);
    }

    /// <summary>
    /// The candidates best first, each with its probability (the features of <see cref="SentenceFeatures"/>): the
    /// <see cref="FirstStageModel"/> ranks every candidate, with each sentence's own cosine to the question
    /// (<see cref="SentenceCosines"/>: stored at ingest), and keeps the best <see cref="SearchOptions.CandidateSentences"/>.
    /// Unless the trees read that cosine and every one of those has it, the first
    /// <see cref="SearchOptions.DenseSentences"/> are encoded in one batch and ranked again, ahead of the rest, by the
    /// <see cref="SentenceModel"/>, as before sentence vectors were stored.
    /// </summary>
    public async Task<IReadOnlyList<SentenceCandidate>> RankAsync(
        string question, TermWeights weights, IReadOnlyList<Passage> passages, ReadOnlyMemory<float> queryVector, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(passages);
        var terms = SentenceFeatures.QuestionTerms.From(question, weights);
        var pool = Top(await CandidatesAsync(terms, passages, queryVector, cancellationToken));
        var final = FirstStage.ReadsSentenceCosine && pool.TrueForAll(c => c.SentenceCosine is not null);
        var encode = embeddings is null || queryVector.IsEmpty || final ? 0 : Math.Min(_options.DenseSentences, pool.Count);
        if (encode == 0)
        {
            return pool;
        }

        var cosines = await Cosines.OfAsync(pool.GetRange(0, encode), queryVector, cancellationToken, encodeNow: true);
        var rescored = pool.Take(encode).Select((c, i) =>
        {
            var features = Features(terms, c, Math.Max(0, cosines[i] ?? 0));
            return c with { Probability = Model.Probability(features), Features = features };
        }).OrderByDescending(c => c.Probability);
        return [.. rescored, .. pool.Skip(encode)];
    }

    /// <summary>Every candidate sentence with its own cosine where one is stored (or may be encoded), scored by the first stage, best first.</summary>
    public async Task<List<SentenceCandidate>> CandidatesAsync(SentenceFeatures.QuestionTerms terms, IReadOnlyList<Passage> passages, ReadOnlyMemory<float> queryVector, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var built = CandidateBuilder.Build(terms, passages);
        var cosines = await Cosines.OfAsync(built, queryVector, cancellationToken);
        return Scored(terms, [.. built.Select((c, i) => c with { SentenceCosine = cosines[i] })]);
    }

    /// <summary>Every candidate sentence scored by the <see cref="FirstStageModel"/> over its <see cref="RankingFeatures"/> (the passage's cosine stands in for the sentence's), best first.</summary>
    public List<SentenceCandidate> AllCandidates(SentenceFeatures.QuestionTerms terms, IReadOnlyList<Passage> passages) =>
        Scored(terms, CandidateBuilder.Build(terms, passages));

    private List<SentenceCandidate> Scored(SentenceFeatures.QuestionTerms terms, List<SentenceCandidate> candidates)
    {
        var built = candidates.Select(c => c with { Features = Features(terms, c, Math.Max(0, c.SentenceCosine ?? c.Passage.Candidate.DenseSimilarity)) }).ToList();
        var rows = RankingFeatures.Compute(terms, built);
        var scored = built.Select((c, i) =>
        {
            var probability = FirstStage.Probability(rows[i]);
            return c with { Probability = probability, FirstStageProbability = probability, RankFeatures = rows[i] };
        }).ToList();
        scored.Sort((a, b) => b.Probability.CompareTo(a.Probability));
        return scored;
    }

    private List<SentenceCandidate> Top(List<SentenceCandidate> all) =>
        all.Count > _options.CandidateSentences ? all.GetRange(0, _options.CandidateSentences) : all;

    private List<SentenceCandidate> Pool(SentenceFeatures.QuestionTerms terms, IReadOnlyList<Passage> passages) => Top(AllCandidates(terms, passages));

    private static double[] Features(SentenceFeatures.QuestionTerms terms, SentenceCandidate c, double sentenceCosine) =>
        SentenceFeatures.Compute(terms, c.Stems, c.Coverage, c.PreviousCoverage, c.AnswerSpan is not null, sentenceCosine, c.Passage, c.PassageRank, c.Index);

    /// <summary>The probability that the passages hold the answer (0 without candidates or for an unknown name).</summary>
    public double Confidence(string question, TermWeights weights, IReadOnlyList<SentenceCandidate> ranked, IReadOnlyList<Passage> passages) =>
        ranked.Count == 0 || UnknownNames.Find(question, weights, passages) is not null
            ? 0
            : Abstention.Probability(AbstentionFeatures.Compute(SentenceFeatures.QuestionTerms.From(question, weights), ranked, passages));

    private Answer Compose(string question, TermWeights weights, IReadOnlyList<SentenceCandidate> ranked, IReadOnlyList<Passage> passages, bool quoteBelowThreshold)
    {
        if (passages.Count == 0)
        {
            return new Answer(NotFound + " Nothing is indexed that matches it.", [], Abstained: true, Confidence: 0);
        }

        var confidence = Confidence(question, weights, ranked, passages);
        return ranked.Count == 0 || confidence <= 0 || (confidence < AbstainBelow && !quoteBelowThreshold)
            ? Abstain(passages, confidence)
            : AnswerComposer.Compose(question, ExpectedTypeFirst.Apply(SentenceFeatures.QuestionTerms.From(question, weights), ranked), _options.MaxAnswerSentences, confidence);
    }

    private static Answer Abstain(IReadOnlyList<Passage> passages, double confidence)
    {
        var closest = passages
            .GroupBy(p => p.Article.Id)
            .Select(g => g.First())
            .Take(3)
            .Select((p, i) => new Citation(i + 1, p.Article.Id, p.Article.Title, p.Article.Source, p.Article.Url, string.Empty, p.Candidate.FusedScore))
            .ToList();
        return new Answer(NotFound + " The closest articles are listed below.", closest, Abstained: true, Confidence: confidence);
    }
}
