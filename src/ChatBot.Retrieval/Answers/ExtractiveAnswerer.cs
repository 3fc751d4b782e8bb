using System.Numerics.Tensors;
using ChatBot.Core.Model;
using ChatBot.Retrieval.Answers.Scoring;
using ChatBot.Retrieval.Search;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace ChatBot.Retrieval.Answers;

/// <summary>
/// Answers without a language model. The sentences of the best passages (not headings, not titles) are ranked
/// cheaply by coverage of the question; the best <see cref="SearchOptions.DenseSentences"/> are encoded with the
/// embedding model in one batch; each gets the <see cref="SentenceFeatures"/> and the learned
/// <see cref="SentenceModel"/>'s probability of holding the answer. The best sentence is quoted first with its
/// answer phrase in bold (<see cref="AnswerComposer"/>). The confidence is the learned <see cref="AbstentionModel"/>'s
/// probability that the articles hold the answer at all (<see cref="AbstentionFeatures"/> of the whole ranked list);
/// below <see cref="SearchOptions.AbstainBelow"/> the bot says the articles do not hold the answer.
/// </summary>
public sealed class ExtractiveAnswerer(IOptions<SearchOptions> options, IEmbeddingGenerator<string, Embedding<float>>? embeddings = null)
{
    public const string NotFound = "I could not find that in the indexed articles.";

    private readonly SearchOptions _options = options.Value;

    public SentenceModel Model { get; init; } = SentenceModel.Default;

    public AbstentionModel Abstention { get; init; } = AbstentionModel.Default;

    /// <summary>Answers with sentence vectors when an embedding model and the query's vector are at hand.</summary>
    /// <paramref name="quoteBelowThreshold"/> (evaluation only) quotes the best sentences even below the threshold, so one
    /// run can be read at every threshold; the confidence is the same.
    public async Task<Answer> AnswerAsync(
        string question, TermWeights weights, IReadOnlyList<Passage> passages, ReadOnlyMemory<float> queryVector, CancellationToken cancellationToken, bool quoteBelowThreshold = false)
    {
        var ranked = await RankAsync(question, weights, passages, queryVector, cancellationToken);
        return Compose(question, weights, ranked, passages, quoteBelowThreshold);
    }

    /// <summary>Answers without sentence vectors: the passage's cosine stands in for each sentence's.</summary>
    public Answer Answer(string question, TermWeights weights, IReadOnlyList<Passage> passages)
    {
        ArgumentNullException.ThrowIfNull(passages);
        var ranked = Score(SentenceFeatures.QuestionTerms.From(question, weights), Candidates(question, weights, passages), null);
        return Compose(question, weights, ranked, passages, quoteBelowThreshold: false);
    }

    /// <summary>The candidates best first, each with its probability (the features of <see cref="SentenceFeatures"/>).</summary>
    public async Task<IReadOnlyList<SentenceCandidate>> RankAsync(
        string question, TermWeights weights, IReadOnlyList<Passage> passages, ReadOnlyMemory<float> queryVector, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(passages);
        var terms = SentenceFeatures.QuestionTerms.From(question, weights);
        var candidates = Candidates(question, weights, passages);
        float[]? cosines = null;
        if (embeddings is not null && !queryVector.IsEmpty && candidates.Count > 0)
        {
            var vectors = await embeddings.GenerateAsync(candidates.Select(c => c.Text), cancellationToken: cancellationToken);
            cosines = vectors.Select(v => TensorPrimitives.CosineSimilarity(queryVector.Span, v.Vector.Span)).ToArray();
        }

        return Score(terms, candidates, cosines);
    }

    private List<SentenceCandidate> Candidates(string question, TermWeights weights, IReadOnlyList<Passage> passages)
    {
        var candidates = CandidateBuilder.Build(SentenceFeatures.QuestionTerms.From(question, weights), passages);
        return candidates.Count > _options.DenseSentences ? candidates.GetRange(0, _options.DenseSentences) : candidates;
    }

    private List<SentenceCandidate> Score(SentenceFeatures.QuestionTerms terms, List<SentenceCandidate> candidates, float[]? cosines)
    {
        var scored = new List<SentenceCandidate>(candidates.Count);
        for (var i = 0; i < candidates.Count; i++)
        {
            var c = candidates[i];
            var cosine = cosines is null ? Math.Max(0, c.Passage.Candidate.DenseSimilarity) : Math.Max(0, cosines[i]);
            var features = SentenceFeatures.Compute(terms, c.Stems, c.Coverage, c.PreviousCoverage, c.AnswerSpan is not null, cosine, c.Passage, c.PassageRank, c.Index);
            scored.Add(c with { Probability = Model.Probability(features), Features = features });
        }

        scored.Sort((a, b) => b.Probability.CompareTo(a.Probability));
        return scored;
    }

    /// <summary>The probability that the passages hold the answer (0 without candidates or for an unknown name).</summary>
    public double Confidence(string question, TermWeights weights, IReadOnlyList<SentenceCandidate> ranked, IReadOnlyList<Passage> passages) =>
        ranked.Count == 0 || UnknownNames.Find(question, weights) is not null
            ? 0
            : Abstention.Probability(AbstentionFeatures.Compute(SentenceFeatures.QuestionTerms.From(question, weights), ranked, passages));

    private Answer Compose(string question, TermWeights weights, IReadOnlyList<SentenceCandidate> ranked, IReadOnlyList<Passage> passages, bool quoteBelowThreshold)
    {
        if (passages.Count == 0)
        {
            return new Answer(NotFound + " Nothing is indexed that matches it.", [], Abstained: true, Confidence: 0);
        }

        var confidence = Confidence(question, weights, ranked, passages);
        return ranked.Count == 0 || confidence <= 0 || (confidence < _options.AbstainBelow && !quoteBelowThreshold)
            ? Abstain(passages, confidence)
            : AnswerComposer.Compose(question, ranked, _options.MaxAnswerSentences, confidence);
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
