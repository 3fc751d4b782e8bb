using ChatBot.Core.Model;
using ChatBot.Retrieval.Embeddings;
using ChatBot.Retrieval.Search;

namespace ChatBot.Retrieval.Answers;

/// <summary>A retrieved chunk with its article and how it was found, in rank order.</summary>
public sealed record Passage(Chunk Chunk, Article Article, SearchCandidate Candidate)
{
    /// <summary>Its sentences' vectors as stored at ingest; null when the row has none (written before they were stored, not backfilled yet).</summary>
    public SentenceVectors? SentenceVectors { get; init; }

    /// <summary>
    /// The stored cosine of <paramref name="query"/> to the chunk's sentence with this span (int8, <see cref="SentenceVectors.Int8Cosine"/>
    /// gives the same for a vector encoded now); null when that sentence has no stored vector.
    /// </summary>
    public float? SentenceCosine(TextSpan span, ReadOnlySpan<float> query) => SentenceVectors?.Cosine(span, query);
}
