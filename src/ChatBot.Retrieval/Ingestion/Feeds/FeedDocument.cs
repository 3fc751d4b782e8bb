namespace ChatBot.Retrieval.Ingestion.Feeds;

/// <summary>A read feed: its title, dialect ("RSS 2.0", "RSS 1.0 (RDF)", "Atom 0.3", "JSON Feed 1.1" …), items and warnings.</summary>
public sealed record FeedDocument(string? Title, string Dialect, IReadOnlyList<FeedItem> Items, IReadOnlyList<string> Warnings)
{
    /// <summary>The warnings as one line for the feed's status, or null when there were none.</summary>
    public string? Warning => Warnings.Count == 0 ? null : string.Join("; ", Warnings);
}
