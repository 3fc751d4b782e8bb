namespace ChatBot.Core.Model;

/// <summary>One article found by a search, with the best passage as a snippet.</summary>
/// <param name="Snippet">The best passage, matched terms wrapped in ** **.</param>
/// <param name="Score">The fused score (reciprocal-rank fusion), higher is better.</param>
/// <param name="LexicalRank">1-based rank in the BM25 list, or null when absent there.</param>
/// <param name="DenseRank">1-based rank in the dense list, or null when absent there.</param>
public sealed record SearchHit(
    Article Article,
    long ChunkId,
    string Snippet,
    double Score,
    int? LexicalRank,
    int? DenseRank,
    double DenseSimilarity);
