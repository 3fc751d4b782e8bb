using System.Text;
using System.Xml.Linq;

namespace ChatBot.Retrieval.Ingestion.Feeds;

/// <summary>
/// Reads one RSS item / RDF item / Atom entry (already a small <see cref="XElement"/>) into a <see cref="FeedEntry"/>.
/// Core elements are matched by local name whatever their namespace (feeds mix them up); extensions by namespace:
/// content:encoded, xhtml:body, dc:*, media:description, itunes:summary/author.
/// </summary>
internal static class XmlEntryReader
{
    public const string ContentNs = "http://purl.org/rss/1.0/modules/content/";
    public const string DcNs = "http://purl.org/dc/elements/1.1/";
    public const string DcTermsNs = "http://purl.org/dc/terms/";
    public const string XhtmlNs = "http://www.w3.org/1999/xhtml";
    public const string MediaNs = "http://search.yahoo.com/mrss/";
    public const string ItunesNs = "http://www.itunes.com/dtds/podcast-1.0.dtd";
    public const string RdfNs = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

    private static readonly string[] CoreNamespaces =
        [string.Empty, "http://purl.org/rss/1.0/", "http://my.netscape.com/rdf/simple/0.9/", "http://backend.userland.com/rss2",
         "http://www.w3.org/2005/Atom", "http://purl.org/atom/ns#"];

    public static FeedEntry Read(XElement item, Uri baseUri, bool atom)
    {
        baseUri = XmlBase(item, baseUri);
        var full = Full(item, baseUri);
        var summary = Summary(item, baseUri, atom);
        var fromFull = full is { Text.Length: > 0 } f && f.Text.Length >= (summary?.Text.Length ?? 0);
        var chosen = fromFull ? full : summary ?? full;
        var title = Core(item, "title") is { } t ? Content(t, baseUri, atom).Text
            : Ext(item, DcNs, "title")?.Value ?? Ext(item, MediaNs, "title")?.Value;
        return new FeedEntry(
            Id(item),
            title,
            Link(item, baseUri),
            Published(item),
            Author(item),
            chosen?.Text,
            chosen?.Html,
            fromFull);
    }

    /// <summary>The base URI in scope for <paramref name="element"/>: its own xml:base (resolved) or the one given.</summary>
    public static Uri XmlBase(XElement element, Uri baseUri) =>
        element.Attribute(XNamespace.Xml + "base")?.Value is { Length: > 0 } b && Uri.TryCreate(baseUri, b.Trim(), out var resolved) ? resolved : baseUri;

    /// <summary>The text of a text construct by its declared type (Atom 1.0 type, Atom 0.3 type + mode) or, undeclared, by a look at it.</summary>
    public static (string Text, string? Html) Content(XElement element, Uri baseUri, bool atom)
    {
        var type = element.Attribute("type")?.Value.Trim().ToLowerInvariant();
        var mode = element.Attribute("mode")?.Value.Trim().ToLowerInvariant();
        if (mode == "base64" || (type is not null && IsBinary(type)))
        {
            var raw = Base64(element.Value);
            return type is "text/html" or "html" || (type is null or "" && FeedText.LooksLikeHtml(raw)) ? AsHtml(raw) : (FeedText.FromText(raw), null);
        }

        if (type is "xhtml" or "application/xhtml+xml" || (mode is null or "xml" && element.HasElements))
        {
            var inner = element.Elements().Count() == 1 && element.Elements().First().Name.LocalName == "div" ? element.Elements().First() : element;
            return AsHtml(InnerXml(inner));
        }

        var value = element.Value;
        return type switch
        {
            "html" or "text/html" => AsHtml(value),
            "text" or "text/plain" => (FeedText.FromText(value), null),
            _ when atom && type is null => (FeedText.FromText(value), null), // Atom's default type is text
            _ => FeedText.LooksLikeHtml(value) ? AsHtml(value) : (FeedText.FromText(value), null),
        };
    }

    private static (string Text, string? Html)? Full(XElement item, Uri baseUri)
    {
        var element = Ext(item, ContentNs, "encoded") ?? Ext(item, XhtmlNs, "body") ?? Core(item, "content");
        if (element is null || element.Attribute("src") is not null)
        {
            return null;
        }

        if (element.Name.NamespaceName == ContentNs)
        {
            return AsHtml(element.Value);
        }

        return element.Name.NamespaceName == XhtmlNs ? AsHtml(InnerXml(element)) : Content(element, baseUri, atom: true);
    }

    private static (string Text, string? Html)? Summary(XElement item, Uri baseUri, bool atom)
    {
        var element = Core(item, "description") ?? Core(item, "summary") ?? Ext(item, DcNs, "description") ?? Ext(item, DcTermsNs, "abstract")
            ?? Ext(item, ItunesNs, "summary") ?? Ext(item, MediaNs, "description") ?? item.Descendants(XName.Get("description", MediaNs)).FirstOrDefault()
            ?? Core(item, "tagline");
        return element is null ? null : Content(element, baseUri, atom && element.Name.LocalName == "summary");
    }

    private static string? Id(XElement item) =>
        (Core(item, "guid") ?? Core(item, "id"))?.Value.Trim() is { Length: > 0 } id ? id
        : item.Attribute(XName.Get("about", RdfNs))?.Value;

    private static Uri? Link(XElement item, Uri baseUri)
    {
        var links = item.Elements().Where(e => e.Name.LocalName == "link").ToList();
        var atomLink = links.Where(l => l.Attribute("href") is not null)
            .OrderBy(l => (l.Attribute("rel")?.Value ?? "alternate") == "alternate" ? 0 : 1)
            .ThenBy(l => (l.Attribute("type")?.Value ?? "text/html").Contains("html", StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .FirstOrDefault(l => (l.Attribute("rel")?.Value ?? "alternate") is "alternate" or "self" or "related");
        var candidates = new[]
        {
            atomLink?.Attribute("href")?.Value,
            links.FirstOrDefault(l => l.Attribute("href") is null && l.Value.Trim().Length > 0)?.Value,
            Core(item, "guid") is { } guid && guid.Attribute("isPermaLink")?.Value != "false" ? guid.Value : null,
            item.Attribute(XName.Get("about", RdfNs))?.Value,
        };
        foreach (var candidate in candidates)
        {
            var at = atomLink is not null && atomLink.Attribute("href")?.Value == candidate ? XmlBase(atomLink, baseUri) : baseUri;
            if (!string.IsNullOrWhiteSpace(candidate) && Uri.TryCreate(at, candidate.Trim(), out var uri) && uri.Scheme is "http" or "https")
            {
                return uri;
            }
        }

        return null;
    }

    private static DateTimeOffset? Published(XElement item)
    {
        string[] names = ["pubDate", "published", "issued", "created", "date", "updated", "modified"];
        foreach (var name in names)
        {
            var element = item.Elements().FirstOrDefault(e => e.Name.LocalName == name);
            if (FeedDates.Parse(element?.Value) is { } date)
            {
                return date;
            }
        }

        return null;
    }

    private static string? Author(XElement item)
    {
        var atom = Core(item, "author") is { HasElements: true } a ? a.Elements().FirstOrDefault(e => e.Name.LocalName == "name")?.Value : null;
        var rss = Core(item, "author") is { HasElements: false } r ? r.Value : null;
        if (rss is not null && rss.Contains('(', StringComparison.Ordinal) && rss.EndsWith(')'))
        {
            rss = rss[(rss.IndexOf('(', StringComparison.Ordinal) + 1)..^1]; // "joe@example.org (Joe Bloggs)"
        }

        return new[] { atom, Ext(item, DcNs, "creator")?.Value, rss, Ext(item, ItunesNs, "author")?.Value }
            .FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
    }

    private static XElement? Core(XElement item, string localName) =>
        item.Elements().FirstOrDefault(e => e.Name.LocalName == localName && CoreNamespaces.Contains(e.Name.NamespaceName));

    private static XElement? Ext(XElement item, string ns, string localName) => item.Element(XName.Get(localName, ns));

    private static (string Text, string? Html) AsHtml(string html) => (FeedText.FromHtml(html), html);

    private static bool IsBinary(string type) =>
        type.Contains('/', StringComparison.Ordinal) && !type.StartsWith("text/", StringComparison.Ordinal)
        && !type.EndsWith("xml", StringComparison.Ordinal) && type is not "application/xhtml+xml";

    private static string Base64(string value)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(value.Trim()));
        }
        catch (FormatException)
        {
            return value;
        }
    }

    /// <summary>The children of <paramref name="element"/> as markup, without the XHTML namespace.</summary>
    private static string InnerXml(XElement element)
    {
        var copy = new XElement(element);
        foreach (var e in copy.DescendantsAndSelf())
        {
            e.Name = e.Name.LocalName; // xhtml namespace off: it is HTML to the text converter
            e.Attributes().Where(a => a.IsNamespaceDeclaration).Remove();
        }

        return string.Concat(copy.Nodes().Select(n => n.ToString(SaveOptions.DisableFormatting)));
    }
}
