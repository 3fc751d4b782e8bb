using ChatBot.Core.Retrieval;

namespace ChatBot.Retrieval.Ingestion.Feeds;

/// <summary>
/// A feed saved to a file (<c>ingest feed.xml</c>): read by the one <see cref="FeedParser"/>, as the same feed over http
/// is, so its items ingest alike (each linked page when it can be fetched, else the item's own content).
/// </summary>
public static class FeedFile
{
    /// <summary>The extensions a saved feed has: RSS/Atom/RDF as .xml/.rss/.atom/.rdf, JSON Feed as .json.</summary>
    public static readonly IReadOnlySet<string> Extensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ".xml", ".rss", ".atom", ".rdf", ".json",
    };

    public static bool IsFeedFile(string path) => Extensions.Contains(Path.GetExtension(path));

    /// <summary>The feed in the file; relative item links resolve against the file's own URI.</summary>
    /// <exception cref="IngestionException">Too large, unreadable or not a feed (naming the cause).</exception>
    public static async Task<FeedDocument> ReadAsync(string path, long maxBytes, CancellationToken cancellationToken)
    {
        var info = new FileInfo(path);
        if (info.Length > maxBytes)
        {
            throw new IngestionException($"{info.Length:N0} bytes, over the {maxBytes:N0}-byte limit (Ingestion:MaxBytes)");
        }

        byte[] body;
        try
        {
            body = await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IngestionException("cannot read it: " + ex.Message, ex);
        }

        if (!FeedParser.LooksLikeFeed(body))
        {
            throw new IngestionException($"{info.Name} is not a feed (RSS, RDF, Atom or JSON Feed); supported files: {string.Join(", ", Files.FileArticleReader.Extensions)} and saved feeds ({string.Join(", ", Extensions)})");
        }

        return FeedParser.Parse(body, new Uri(Path.GetFullPath(path)));
    }
}
