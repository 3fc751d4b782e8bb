namespace ChatBot.Retrieval.Ingestion.Feeds;

/// <summary>An entry as a dialect reader found it, before titles and keys are settled by <see cref="FeedItems"/>.</summary>
internal sealed record FeedEntry(
    string? Id,
    string? Title,
    Uri? Link,
    DateTimeOffset? PublishedAt,
    string? Author,
    string? Text,
    string? Html,
    bool FromFullContent);
