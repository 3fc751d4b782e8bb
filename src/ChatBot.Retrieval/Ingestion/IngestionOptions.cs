using System.ComponentModel.DataAnnotations;

namespace ChatBot.Retrieval.Ingestion;

public sealed class IngestionOptions
{
    public const string SectionName = "Ingestion";

    /// <summary>Articles indexed at start (skipped when unchanged). Relative paths resolve against the working directory, then the app folder.</summary>
    public string SeedsDirectory { get; set; } = "seeds";

    /// <summary>Let URLs reach loopback, private, link-local and metadata addresses. Off by default (SSRF guard); tests turn it on.</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Largest file or response body read, in bytes.</summary>
    [Range(1024, 1L << 32)]
    public long MaxBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>
    /// Encode every sentence of a new passage at ingest and store its int8 vector beside the chunk, so the answer stage reads
    /// its sentences' cosines instead of encoding them (about twice the encoding work per passage; see docs/retrieval.md).
    /// Off: answers encode their best sentences at ask time, as rows stored without them do.
    /// </summary>
    public bool SentenceVectors { get; set; } = true;

    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 20;

    [Required]
    public string UserAgent { get; set; } = "ChatBot/1.0 (+https://github.com/chatbot; article reader)";
}
