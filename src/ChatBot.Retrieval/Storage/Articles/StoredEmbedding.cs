using ChatBot.Core.Model;

namespace ChatBot.Retrieval.Storage.Articles;

/// <summary>A chunk's vector as kept in the store, for loading the in-memory index.</summary>
public sealed record StoredEmbedding(long ChunkId, long ArticleId, string Library, float[] Vector);

/// <summary>A stored chunk vector found by its text hash, with its sentences' vectors (null when the row has none yet).</summary>
public sealed record KnownVectors(float[] Vector, byte[]? SentenceVectors);

/// <summary>A chunk as the answer stage reads it: with its sentences' vectors when they are stored.</summary>
public sealed record StoredChunk(Chunk Chunk, Embeddings.SentenceVectors? SentenceVectors);

/// <summary>A chunk found by full-text search; <see cref="Score"/> is BM25 (higher is better).</summary>
public sealed record LexicalHit(long ChunkId, long ArticleId, double Score);

/// <summary>An article as saved, with the ids its chunks got (in chunk order).</summary>
public sealed record SavedArticle(ChatBot.Core.Model.Article Article, IReadOnlyList<long> ChunkIds);
