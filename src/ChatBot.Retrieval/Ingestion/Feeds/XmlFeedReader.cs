using System.Xml;
using System.Xml.Linq;
using ChatBot.Core.Retrieval;

namespace ChatBot.Retrieval.Ingestion.Feeds;

/// <summary>
/// Streams an RSS 0.90–2.0 (any or no version), RSS 1.0/RDF or Atom 0.3/1.0 document with <see cref="XmlReader"/>:
/// only one entry at a time is a small tree. The DTD is never processed (a DOCTYPE is skipped, not refused; nothing
/// external is resolved; entity expansion is capped), and the text comes through <see cref="LenientXmlTextReader"/>.
/// Damage the filter cannot mend (a tag left open, a truncated tail) ends the read: the entries before it are kept
/// and a warning says where it stopped.
/// </summary>
internal static class XmlFeedReader
{
    /// <summary>Entries read from one document at most (a guard, far above any real feed).</summary>
    public const int MaxEntries = 20_000;

    private const string Atom10Ns = "http://www.w3.org/2005/Atom";
    private const string Atom03Ns = "http://purl.org/atom/ns#";

    public static FeedDocument Read(TextReader text, long length, Uri feedUrl, List<string> warnings)
    {
        using var lenient = new LenientXmlTextReader(text);
        using var reader = XmlReader.Create(lenient, Settings(length));
        var entries = new List<FeedEntry>();
        string? title = null, dialect = null;
        var sawChannel = false;
        var bases = new List<Uri> { feedUrl };
        try
        {
            reader.MoveToContent();
            if (reader.NodeType != XmlNodeType.Element)
            {
                throw new IngestionException("not a feed (no root element)");
            }

            dialect = Dialect(reader) ?? throw new IngestionException($"not a feed (root element <{reader.Name}>)");
            var atom = reader.LocalName == "feed";
            while (!reader.EOF)
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    reader.Read();
                    continue;
                }

                var depth = reader.Depth;
                var parent = depth == 0 ? feedUrl : bases[Math.Min(depth, bases.Count) - 1];
                var here = reader.GetAttribute("xml:base") is { Length: > 0 } b && Uri.TryCreate(parent, b.Trim(), out var resolved) ? resolved : parent;
                if (bases.Count <= depth)
                {
                    bases.Add(here);
                }
                else
                {
                    bases[depth] = here;
                }

                var name = reader.LocalName;
                if (depth > 0 && name == (atom ? "entry" : "item"))
                {
                    if (entries.Count >= MaxEntries)
                    {
                        warnings.Add($"only the first {MaxEntries:N0} entries were read");
                        break;
                    }

                    entries.Add(XmlEntryReader.Read((XElement)XNode.ReadFrom(reader), parent, atom));
                    continue;
                }

                sawChannel |= name == "channel";
                if (title is null && name == "title" && (atom ? depth == 1 : depth == 2))
                {
                    title = XmlEntryReader.Content((XElement)XNode.ReadFrom(reader), here, atom).Text;
                    continue;
                }

                reader.Read();
            }
        }
        catch (XmlException ex) when (dialect is not null && entries.Count > 0)
        {
            warnings.Add($"the feed is not well-formed XML after entry {entries.Count} (line {ex.LineNumber}: {ex.Message}); the entries before it were kept");
        }
        catch (XmlException ex) when (dialect is not null)
        {
            throw new IngestionException($"feed is not well-formed XML before its first entry (line {ex.LineNumber}: {ex.Message})", ex);
        }
        catch (XmlException ex)
        {
            throw new IngestionException($"not a feed: not well-formed XML (line {ex.LineNumber}: {ex.Message})", ex);
        }

        if (dialect.StartsWith("RSS ", StringComparison.Ordinal) && !dialect.EndsWith("(RDF)", StringComparison.Ordinal) && !sawChannel && entries.Count == 0)
        {
            throw new IngestionException("feed has no channel");
        }

        if (lenient.Repairs > 0)
        {
            warnings.Add($"{lenient.Repairs} stray character(s) or entity reference(s) mended");
        }

        var items = entries.Select(e => FeedItems.Finish(e, title, feedUrl)).ToList();
        return new FeedDocument(string.IsNullOrWhiteSpace(title) ? null : FeedText.OneLine(title), dialect, items, warnings);
    }

    /// <summary>The dialect by root element and namespace, or null when the root is not a feed's.</summary>
    private static string? Dialect(XmlReader root) => root.LocalName switch
    {
        "rss" => root.GetAttribute("version") is { Length: > 0 } v ? "RSS " + v.Trim() : "RSS (no version)",
        "RDF" => root.LookupNamespace(string.Empty) == "http://my.netscape.com/rdf/simple/0.9/" ? "RSS 0.90 (RDF)" : "RSS 1.0 (RDF)",
        "feed" => root.NamespaceURI switch
        {
            Atom03Ns => "Atom 0.3",
            Atom10Ns => "Atom 1.0",
            _ => "Atom (unknown namespace)",
        },
        "channel" => "RSS (channel root)",
        _ => null,
    };

    private static XmlReaderSettings Settings(long length) => new()
    {
        DtdProcessing = DtdProcessing.Ignore,
        XmlResolver = null,
        MaxCharactersFromEntities = 1024,
        MaxCharactersInDocument = Math.Max(length * 8, 64 * 1024), // the filter may lengthen text (& → &amp;); still a bound
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = false,
    };
}
