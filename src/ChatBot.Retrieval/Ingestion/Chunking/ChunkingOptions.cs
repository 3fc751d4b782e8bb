using System.ComponentModel.DataAnnotations;

namespace ChatBot.Retrieval.Ingestion.Chunking;

/// <summary>How articles are cut into passages. MiniLM was trained on 256 tokens: keep chunks under ~180 words.</summary>
public sealed class ChunkingOptions
{
    public const string SectionName = "Chunking";

    /// <summary>A chunk closes once it reaches this many words.</summary>
    [Range(20, 400)]
    public int TargetWords { get; set; } = 150;

    /// <summary>A chunk never grows past this many words unless one sentence alone is longer.</summary>
    [Range(20, 400)]
    public int MaxWords { get; set; } = 180;

    /// <summary>Sentences repeated at the start of the next chunk.</summary>
    [Range(0, 5)]
    public int OverlapSentences { get; set; } = 1;
}
