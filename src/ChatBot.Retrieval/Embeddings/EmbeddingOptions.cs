using System.ComponentModel.DataAnnotations;

namespace ChatBot.Retrieval.Embeddings;

public sealed class EmbeddingOptions
{
    public const string SectionName = "Embeddings";

    /// <summary>MiniLM (local, default). Remote providers arrive with the LLM work.</summary>
    [RegularExpression("^(?i)(MiniLM)$", ErrorMessage = "Embeddings:Provider must be MiniLM.")]
    public string Provider { get; set; } = "MiniLM";

    /// <summary>Texts per model call; 16 is the measured sweet spot on two cores.</summary>
    [Range(1, 128)]
    public int BatchSize { get; set; } = 16;

    /// <summary>ONNX intra-op threads; 0 means one per core.</summary>
    [Range(0, 64)]
    public int Threads { get; set; }

    /// <summary>
    /// Whether the interactive session's ONNX worker threads spin after a call while waiting for the next one. Spinning
    /// saves a wake-up on the next call but keeps a core busy through the vector search that follows a question's
    /// embedding: on two cores the 100k ask measured 8.5 → 7.7 ms p50 and 18.9 → 16.3 ms p99 with it off, the embedding
    /// itself no slower (docs/retrieval.md, "The 100k ask"). The bulk session (ingest) always spins.
    /// </summary>
    public bool InteractiveSpinning { get; set; }

    /// <summary>
    /// Calls whose padded batch (texts × the longest text's characters) is at most this run on the interactive session,
    /// whose memory arena stays small (questions, answer sentences); larger calls (ingest) run on the bulk session.
    /// </summary>
    [Range(256, 1_000_000)]
    public int InteractiveChars { get; set; } = 4096;

    /// <summary>The bulk session (and its arena: hundreds of MB after long batches) is dropped this long after its last call; 0 keeps it.</summary>
    [Range(0, 86_400)]
    public int ReleaseBulkAfterSeconds { get; set; } = 30;
}
