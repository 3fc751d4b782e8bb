using System.Text;
using System.Text.RegularExpressions;
using ChatBot.Core.Retrieval;

namespace ChatBot.Retrieval.Ingestion.Feeds;

/// <summary>
/// The one feed reader (the poller, <c>/feeds add</c> and <c>ingest &lt;feed-url&gt;</c> all use it): RSS 0.90–2.0 with
/// any or no version, RSS 1.0/RDF, Atom 0.3 and 1.0, JSON Feed 1.0/1.1, in any encoding .NET knows (code pages
/// included), liberal about what real feeds get wrong; safe against what hostile ones try (no DTD processing, no
/// external entities, capped entities and size).
/// </summary>
public static partial class FeedParser
{
    private static readonly HashSet<string> FeedMediaTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+xml", "application/x-rss+xml",
        "application/x-atom+xml", "application/rss", "text/rss+xml", "text/atom+xml", "text/rdf+xml", "text/rss", "text/x-rss",
        "application/feed+json", "application/json+feed",
    };

    /// <summary>True when the body's root is a feed's (rss, RDF, feed, channel) or it is a JSON Feed; looks at the first bytes only.</summary>
    public static bool LooksLikeFeed(byte[] body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var (encoding, preamble, _) = FeedEncoding.Detect(body.AsSpan(0, Math.Min(body.Length, 4096)), null);
        var head = encoding.GetString(body, preamble, Math.Min(body.Length - preamble, 4096));
        if (head.TrimStart().StartsWith('{'))
        {
            return JsonVersion().IsMatch(head);
        }

        var root = RootElement().Match(Prolog().Replace(head, string.Empty));
        return root.Success && root.Groups[1].Value is "rss" or "feed" or "RDF" or "channel";
    }

    /// <summary>A feed media type: RSS, Atom, RDF or JSON Feed, including the text/… and x-… variants servers send.</summary>
    public static bool IsFeedMediaType(string? mediaType) => mediaType is not null && FeedMediaTypes.Contains(mediaType);

    /// <summary>A type a feed may be served as without saying so (generic XML or JSON): worth a look at the body.</summary>
    public static bool IsXmlMediaType(string? mediaType) =>
        IsFeedMediaType(mediaType) || mediaType is "application/xml" or "text/xml" or "application/json" or "text/json"
        || (mediaType?.EndsWith("+xml", StringComparison.OrdinalIgnoreCase) ?? false);

    /// <summary>Reads a feed; <paramref name="httpCharset"/> (from Content-Type) outranks the XML declaration, a BOM outranks both.</summary>
    /// <exception cref="IngestionException">Not a feed, naming the cause ("not a feed (root element &lt;html&gt;)", "feed has no channel").</exception>
    public static FeedDocument Parse(byte[] body, Uri feedUrl, string? httpCharset = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(feedUrl);
        var (encoding, preamble, warning) = FeedEncoding.Detect(body, httpCharset);
        var warnings = warning is null ? new List<string>() : [warning];
        if (FirstSignificant(body, preamble, encoding) == '{')
        {
            return JsonFeedReader.Read(body.AsMemory(preamble), feedUrl, warnings);
        }

        using var text = new StreamReader(new MemoryStream(body, preamble, body.Length - preamble, writable: false), encoding, detectEncodingFromByteOrderMarks: false);
        return XmlFeedReader.Read(text, body.LongLength, feedUrl, warnings);
    }

    /// <summary>The plain text of an item's HTML (for text from elsewhere than this reader).</summary>
    public static string ToPlainText(string html) => FeedText.FromHtml(html);

    private static char? FirstSignificant(byte[] body, int preamble, Encoding encoding)
    {
        var head = encoding.GetString(body, preamble, Math.Min(body.Length - preamble, 64)).TrimStart();
        return head.Length == 0 ? null : head[0];
    }

    [GeneratedRegex("""^(\s|<\?[^>]*\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(\[.*?\])?\s*>)*""", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Prolog();

    [GeneratedRegex("""^<(?:[A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)""")]
    private static partial Regex RootElement();

    [GeneratedRegex("\"version\"\\s*:\\s*\"https?://jsonfeed\\.org/version/")]
    private static partial Regex JsonVersion();
}
