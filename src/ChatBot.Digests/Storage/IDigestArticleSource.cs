namespace ChatBot.Digests.Storage;

/// <summary>
/// The articles of a digest window, all of one library: for a channel with feeds of that library, the items they
/// delivered in the window (by when the feed first delivered them); for a channel without, every article of the library
/// ingested in the window.
/// Reads the same database as the article store.
/// </summary>
public interface IDigestArticleSource
{
    /// <summary>At most <paramref name="limit"/> articles of the window (<paramref name="after"/>, <paramref name="upTo"/>], newest first.</summary>
    Task<IReadOnlyList<DigestArticle>> GetWindowAsync(
        string library, string platform, string channelId, DateTimeOffset after, DateTimeOffset upTo, int limit, CancellationToken cancellationToken);
}
