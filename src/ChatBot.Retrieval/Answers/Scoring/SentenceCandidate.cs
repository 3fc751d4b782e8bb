using ChatBot.Core.Model;

namespace ChatBot.Retrieval.Answers.Scoring;

/// <summary>
/// One sentence of an answer passage, with what its score is built from. <see cref="Text"/> has its white space
/// folded; <see cref="AnswerSpan"/> (within <see cref="Text"/>) is the phrase of the expected answer type, if any.
/// </summary>
public sealed record SentenceCandidate(
    Passage Passage,
    int PassageRank,
    TextSpan Span,
    int Index,
    string Text,
    IReadOnlyList<string> Stems,
    double Coverage,
    double PreviousCoverage,
    TextSpan? AnswerSpan)
{
    /// <summary>The cheap first ranking, before sentences are encoded: which sentences are worth a MiniLM pass.</summary>
    public double PreScore => Coverage + (0.3 * PreviousCoverage) + (AnswerSpan is null ? 0 : 0.2) + (0.2 * Passage.Candidate.DenseSimilarity) + (0.1 / (1 + PassageRank));

    public double Probability { get; init; }

    /// <summary>The MiniLM cosine of the question to this sentence (its stored vector); null when it has none.</summary>
    public double? SentenceCosine { get; init; }

    /// <summary>The feature vector the probability came from (training reads it).</summary>
    public IReadOnlyList<double> Features { get; init; } = [];

    /// <summary>The first stage's probability (<see cref="FirstStageModel"/>), kept when the second stage re-scores it.</summary>
    public double FirstStageProbability { get; init; }

    /// <summary>The <see cref="RankingFeatures"/> the first stage ranked it by (training reads them).</summary>
    public IReadOnlyList<double> RankFeatures { get; init; } = [];

    public bool Overlaps(SentenceCandidate other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Passage.Article.Id == other.Passage.Article.Id
            && Passage.Chunk.Start + Span.Start < other.Passage.Chunk.Start + other.Span.End
            && other.Passage.Chunk.Start + other.Span.Start < Passage.Chunk.Start + Span.End;
    }
}
