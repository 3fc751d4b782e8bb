using System.Text.Json;
using ChatBot.Core.Retrieval;

namespace ChatBot.Retrieval.Ingestion.Feeds;

/// <summary>
/// JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1): items with id, url (or external_url), title,
/// content_html / content_text / summary, date_published / date_modified, authors (1.1) or author (1.0).
/// </summary>
internal static class JsonFeedReader
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 32, AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    public static FeedDocument Read(ReadOnlyMemory<byte> json, Uri feedUrl, List<string> warnings)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException ex)
        {
            throw new IngestionException($"not a feed: not well-formed JSON (line {ex.LineNumber + 1}: {ex.Message})", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            var version = root.ValueKind == JsonValueKind.Object ? String(root, "version") : null;
            if (version is null || !version.Contains("jsonfeed.org/version/", StringComparison.OrdinalIgnoreCase))
            {
                throw new IngestionException("not a feed (JSON without a jsonfeed.org version)");
            }

            var dialect = "JSON Feed " + version[(version.LastIndexOf('/') + 1)..];
            var title = String(root, "title");
            var baseUri = Uri.TryCreate(String(root, "home_page_url"), UriKind.Absolute, out var home) ? home : feedUrl;
            var entries = new List<FeedEntry>();
            if (root.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in items.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object).Take(XmlFeedReader.MaxEntries))
                {
                    entries.Add(Entry(item, baseUri));
                }
            }
            else
            {
                warnings.Add("the JSON feed has no items array");
            }

            var finished = entries.Select(e => FeedItems.Finish(e, title, feedUrl)).ToList();
            return new FeedDocument(string.IsNullOrWhiteSpace(title) ? null : FeedText.OneLine(title), dialect, finished, warnings);
        }
    }

    private static FeedEntry Entry(JsonElement item, Uri baseUri)
    {
        var html = String(item, "content_html");
        var plain = String(item, "content_text");
        var summary = String(item, "summary");
        var text = html is not null ? FeedText.FromHtml(html) : plain is not null ? FeedText.FromText(plain) : null;
        var fromFull = text is { Length: > 0 };
        if (!fromFull && summary is not null)
        {
            text = FeedText.LooksLikeHtml(summary) ? FeedText.FromHtml(summary) : FeedText.FromText(summary);
        }

        var link = new[] { String(item, "url"), String(item, "external_url") }
            .Select(u => u is not null && Uri.TryCreate(baseUri, u.Trim(), out var uri) && uri.Scheme is "http" or "https" ? uri : null)
            .FirstOrDefault(u => u is not null);
        return new FeedEntry(
            String(item, "id"),
            String(item, "title"),
            link,
            FeedDates.Parse(String(item, "date_published")) ?? FeedDates.Parse(String(item, "date_modified")),
            Author(item),
            text,
            html,
            fromFull);
    }

    private static string? Author(JsonElement item)
    {
        if (item.TryGetProperty("authors", out var authors) && authors.ValueKind == JsonValueKind.Array)
        {
            var name = authors.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.Object).Select(a => String(a, "name")).FirstOrDefault(n => n is not null);
            if (name is not null)
            {
                return name;
            }
        }

        return item.TryGetProperty("author", out var author) && author.ValueKind == JsonValueKind.Object ? String(author, "name") : null;
    }

    /// <summary>A string property (a number id is read as its text), or null.</summary>
    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() is { Length: > 0 } s ? s : null,
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;
}
