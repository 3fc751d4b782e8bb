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
}
