namespace ChatBot.Core.Model;

public enum IngestOutcome
{
    Added,
    Updated,
    Unchanged,
    Failed,

    /// <summary>A file of a folder that is not of a supported type: reported, not read.</summary>
    Skipped,
}

/// <summary>What happened to one source during ingestion. A failure carries a readable error.</summary>
public sealed record IngestResult(string Source, IngestOutcome Outcome, Article? Article, string? Error = null)
{
    public bool Succeeded => Outcome is IngestOutcome.Added or IngestOutcome.Updated or IngestOutcome.Unchanged;

    /// <summary>"source: error", without repeating the source when the error already names it.</summary>
    public string Problem => Error is null ? Source : Error.Contains(Source, StringComparison.Ordinal) ? Error : $"{Source}: {Error}";
}
