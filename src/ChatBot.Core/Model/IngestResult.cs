namespace ChatBot.Core.Model;

public enum IngestOutcome
{
    Added,
    Updated,
    Unchanged,
    Failed,
}

/// <summary>What happened to one source during ingestion. A failure carries a readable error.</summary>
public sealed record IngestResult(string Source, IngestOutcome Outcome, Article? Article, string? Error = null)
{
    public bool Succeeded => Outcome != IngestOutcome.Failed;
}
