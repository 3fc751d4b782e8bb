using System.Net;
using System.Text.RegularExpressions;
using ChatBot.Core.Model;
using ChatBot.Retrieval.Ingestion;
using ChatBot.Retrieval.Ingestion.Feeds;
using ChatBot.Retrieval.Storage;

namespace ChatBot.Retrieval.Digests;

/// <summary>
/// Indexes a feed item from its own content (title and body as the feed gives them), tagged with its feed.
/// When <c>IngestionPipeline.IngestFeedItemAsync</c> lands (it may fetch the full page), this can call that instead.
/// </summary>
public sealed partial class FeedItemIngestor(IngestionPipeline pipeline) : IFeedItemIngestor
{
    public Task<IngestResult> IngestAsync(FeedItem item, long feedId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var body = TextCleaner.Clean(WebUtility.HtmlDecode(Tags().Replace(item.Content ?? string.Empty, "\n")));
        var title = string.IsNullOrWhiteSpace(item.Title) ? item.Link?.AbsoluteUri ?? item.Key : item.Title.Trim();
        var text = body.Length == 0 ? title : body;
        var source = item.Link?.AbsoluteUri ?? $"feed:{feedId}:{item.Key}";
        var draft = new ArticleDraft(source, title, text, item.Link?.AbsoluteUri, item.Author, item.PublishedAt, feedId);
        return pipeline.IngestDraftAsync(draft, cancellationToken);
    }

    [GeneratedRegex("<[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex Tags();
}
