namespace ChatBot.Retrieval.Storage.Articles;

/// <summary>An article as extracted, before the store gives it an id.</summary>
public sealed record ArticleDraft(
    string Source,
    string Title,
    string Text,
    string? Url = null,
    string? Author = null,
    DateTimeOffset? PublishedAt = null,
    long? FeedId = null)
{
    /// <summary>The library the article is saved into; readers leave the default and the pipeline sets it.</summary>
    public string Library { get; init; } = Core.Libraries.LibraryNames.Local;
}
