namespace ChatBot.Core.Model;

/// <summary>An indexed article: one file, web page or feed item.</summary>
/// <param name="Id">Store-assigned identifier.</param>
/// <param name="Source">Where it came from: a file path, a URL or an evaluation id. Unique.</param>
/// <param name="Title">The article's title (file name when it has none).</param>
/// <param name="Url">A link a reader can open, when there is one.</param>
/// <param name="ContentHash">SHA-256 (hex) of the clean text; unchanged content is never re-embedded.</param>
public sealed record Article(
    long Id,
    string Source,
    string Title,
    string? Url,
    string? Author,
    DateTimeOffset? PublishedAt,
    DateTimeOffset IngestedAt,
    string ContentHash,
    int ChunkCount,
    long? FeedId = null)
{
    /// <summary>The library the article belongs to (README "Libraries"); the same source in two libraries is two articles.</summary>
    public string Library { get; init; } = Libraries.LibraryNames.Local;
}
