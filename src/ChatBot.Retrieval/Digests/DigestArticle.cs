namespace ChatBot.Retrieval.Digests;

/// <summary>An article that falls in a digest window, with the name of the feed (or site) it came from.</summary>
public sealed record DigestArticle(
    long Id,
    string Title,
    string? Url,
    string Text,
    DateTimeOffset IngestedAt,
    DateTimeOffset? PublishedAt,
    string SourceName,
    string ContentHash);
