namespace ChatBot.Retrieval.Search;

/// <summary>A chunk found by hybrid search, with what each retriever thought of it.</summary>
public sealed record SearchCandidate(
    long ChunkId,
    long ArticleId,
    double FusedScore,
    int? LexicalRank,
    int? DenseRank,
    double LexicalScore,
    float DenseSimilarity);
