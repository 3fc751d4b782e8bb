namespace ChatBot.Retrieval.Search;

/// <summary>
/// Where one <see cref="HybridSearcher"/> search spent its time (filled when passed to the search; the bench reports the
/// split of the hybrid search inside an ask). Stages that did not run stay 0.
/// </summary>
internal sealed class HybridSearchTimings
{
    /// <summary>The query embedding, with BM25 running beside it.</summary>
    public double EmbedMs { get; set; }

    /// <summary>The vector search's top k (after the embedding).</summary>
    public double VectorMs { get; set; }

    /// <summary>Waiting for BM25 after the vector search (0 when it had finished).</summary>
    public double LexicalWaitMs { get; set; }

    /// <summary>The cosines of the chunks only BM25 found, and the fusion of the two lists.</summary>
    public double FusionMs { get; set; }
}
