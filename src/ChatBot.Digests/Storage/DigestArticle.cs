using ChatBot.Retrieval.Ingestion;

namespace ChatBot.Digests.Storage;

/// <summary>An article that falls in a digest window, with the name of the feed (or site) it came from.</summary>
public sealed record DigestArticle(
    long Id,
    string Title,
    string? Url,
    string Text,
    DateTimeOffset IngestedAt,
    DateTimeOffset? PublishedAt,
    string SourceName,
    string ContentHash)
{
    /// <summary>The host of a link ("example.com"), the name a story's source gets when it did not come from a feed.</summary>
    public static string SiteName(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Host.Length > 0
            ? (uri.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? uri.Host[4..] : uri.Host)
            : "indexed article";
}
