using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using ChatBot.Core.Retrieval;

namespace ChatBot.Retrieval.Ingestion.Feeds;

/// <summary>
/// Parses RSS 2.0 and Atom 1.0 with System.ServiceModel.Syndication under safe XML settings: no DTDs (so no
/// entity expansion, "billion laughs"), no external resolution, and a cap on document size.
/// </summary>
public static class FeedParser
{
    private const int MaxEntityCharacters = 1024;

    /// <summary>True when the body's root element is rss, feed (Atom) or RDF (RSS 1.0).</summary>
    public static bool LooksLikeFeed(byte[] body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(body), Settings(body.LongLength));
            reader.MoveToContent();
            return reader.NodeType == XmlNodeType.Element && reader.LocalName is "rss" or "feed" or "RDF";
        }
        catch (XmlException)
        {
            return false;
        }
    }

    public static bool IsFeedMediaType(string? mediaType) =>
        mediaType is "application/rss+xml" or "application/atom+xml" or "application/rdf+xml" or "application/feed+xml";

    public static bool IsXmlMediaType(string? mediaType) =>
        IsFeedMediaType(mediaType) || mediaType is "application/xml" or "text/xml";

    /// <exception cref="IngestionException">Not well-formed XML, a DTD, or not RSS/Atom.</exception>
    public static (string? Title, IReadOnlyList<FeedItem> Items) Parse(byte[] body, Uri feedUrl)
    {
        ArgumentNullException.ThrowIfNull(body);
        SyndicationFeed feed;
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(body), Settings(body.LongLength));
            feed = SyndicationFeed.Load(reader);
        }
        catch (Exception ex) when (ex is XmlException or FormatException or InvalidOperationException or NotSupportedException)
        {
            throw new IngestionException($"{feedUrl} is not a valid RSS or Atom feed: {ex.Message}", ex);
        }

        var items = new List<FeedItem>();
        foreach (var entry in feed.Items)
        {
            var link = entry.Links.FirstOrDefault(l => l.RelationshipType is null or "alternate")?.Uri;
            if (link is not null && !link.IsAbsoluteUri)
            {
                link = new Uri(feedUrl, link);
            }

            if (link is not null && link.Scheme is not ("http" or "https"))
            {
                link = null;
            }

            var content = (entry.Content as TextSyndicationContent)?.Text ?? entry.Summary?.Text;
            var key = !string.IsNullOrWhiteSpace(entry.Id) ? entry.Id.Trim()
                : link?.AbsoluteUri ?? ContentHash.Of((entry.Title?.Text ?? string.Empty) + "\n" + content);
            var published = entry.PublishDate != default ? entry.PublishDate
                : entry.LastUpdatedTime != default ? entry.LastUpdatedTime
                : (DateTimeOffset?)null;
            var author = entry.Authors.Select(a => a.Name ?? a.Email).FirstOrDefault(a => !string.IsNullOrWhiteSpace(a));
            var title = entry.Title?.Text?.Trim();
            items.Add(new FeedItem(key, string.IsNullOrWhiteSpace(title) ? link?.AbsoluteUri ?? key : title, link, published, content, author));
        }

        return (feed.Title?.Text, items);
    }

    private static XmlReaderSettings Settings(long length) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = MaxEntityCharacters,
        MaxCharactersInDocument = Math.Max(length * 2, 1024), // characters never outnumber bytes; a guard all the same
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    /// <summary>Feed item content is HTML: its plain text, for the fallback when the item's page cannot be read.</summary>
    public static string ToPlainText(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var builder = new StringBuilder(html.Length);
        var inTag = false;
        foreach (var c in html)
        {
            if (c == '<')
            {
                inTag = true;
                builder.Append(' ');
            }
            else if (c == '>')
            {
                inTag = false;
            }
            else if (!inTag)
            {
                builder.Append(c);
            }
        }

        return TextCleaner.Clean(System.Net.WebUtility.HtmlDecode(builder.ToString()));
    }
}
