using ChatBot.Core.Model;

namespace ChatBot.Retrieval.Ingestion.Chunking;

/// <summary>A chunk before it is stored: its text, offset in the article and sentence spans (relative to the chunk).</summary>
/// <param name="EmbeddingText">What the embedding model reads (the article title, then the chunk), when it differs from <paramref name="Text"/>.</param>
public sealed record ChunkDraft(int Ordinal, string Text, int Start, IReadOnlyList<TextSpan> Sentences, string? EmbeddingText = null)
{
    /// <summary>Its sentences' vectors (<see cref="Embeddings.SentenceVectors"/>, in span order), stored beside it; null when not encoded.</summary>
    public byte[]? SentenceVectors { get; init; }

    /// <summary>The embedding's input; its hash keys vector reuse.</summary>
    public string EmbeddingInput => EmbeddingText ?? Text;

    /// <summary>The chunk with its article's title in front, so a passage's vector knows what it is about.</summary>
    public ChunkDraft WithTitle(string? title) =>
        string.IsNullOrWhiteSpace(title) ? this : this with { EmbeddingText = title.Trim() + "\n" + Text };
}
