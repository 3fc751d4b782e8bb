using ChatBot.Core.Model;

namespace ChatBot.Retrieval.Ingestion;

/// <summary>A chunk before it is stored: its text, offset in the article and sentence spans (relative to the chunk).</summary>
public sealed record ChunkDraft(int Ordinal, string Text, int Start, IReadOnlyList<TextSpan> Sentences);
