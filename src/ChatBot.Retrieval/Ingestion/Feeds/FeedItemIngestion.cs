using ChatBot.Core.Model;
using ChatBot.Core.Retrieval;
using ChatBot.Retrieval.Ingestion.Web;
using ChatBot.Retrieval.Logging;
using ChatBot.Retrieval.Storage.Articles;
using ChatBot.Retrieval.Storage.HttpCache;
using Microsoft.Extensions.Logging;

namespace ChatBot.Retrieval.Ingestion.Feeds;

/// <summary>
/// One feed entry to one article: finds it already indexed by link or guid (through the aliases the HTTP validator
/// store keeps), else reads the linked page, else the entry's own text, and remembers what the link and guid became.
/// </summary>
public sealed class FeedItemIngestion(
    IArticleStore store,
    EmbeddingBatcher batcher,
    ILogger logger,
    IWebArticleFetcher? web = null,
    IHttpValidatorStore? validators = null)
{
    /// <summary>The source of a feed item that has neither a readable page nor a link.</summary>
    public const string SourcePrefix = "feed-item:";

    /// <summary>
    /// Ingests one feed entry: its linked page when it can be fetched and read, else the entry's own content.
    /// An entry already indexed (by link, or by guid for link-less entries) is not fetched again; a page whose
    /// canonical URL is already indexed with the same text is left unchanged. All of it inside <paramref name="library"/>.
    /// </summary>
    public async Task<IngestResult> IngestAsync(string library, FeedItem item, long? feedId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var keySource = SourcePrefix + item.Key;
        var fallbackSource = item.Link?.AbsoluteUri ?? keySource;
        try
        {
            var keys = new[] { item.Link?.AbsoluteUri, keySource }.OfType<string>().Distinct().ToList();
            foreach (var key in keys)
            {
                var alias = validators is null ? null : await validators.GetAsync(key, cancellationToken);
                foreach (var known in new[] { key, alias?.Source })
                {
                    if (known is not null && await store.GetBySourceAsync(library, known, cancellationToken) is { } existing)
                    {
                        RetrievalLog.FeedItemKnown(logger, item.Key, existing.Source);
                        return new IngestResult(existing.Source, IngestOutcome.Unchanged, existing);
                    }
                }
            }

            ArticleDraft? draft = null;
            var fetchedValidators = new HttpValidators(null, null);
            if (item.IsFullArticle)
            {
                RetrievalLog.FeedItemFullText(logger, item.Key);
            }
            else if (item.Link is not null && web is not null)
            {
                try
                {
                    var fetched = await web.FetchAsync(item.Link, null, cancellationToken);
                    draft = fetched.Article;
                    fetchedValidators = fetched.Validators;
                }
                catch (IngestionException ex)
                {
                    RetrievalLog.FeedItemFallback(logger, item.Key, ex.Message);
                }
            }

            var itemText = item.Content?.Trim() ?? string.Empty; // plain text: the feed reader cleaned the item's HTML
            if (draft is not null && itemText.Length > draft.Text.Length)
            {
                RetrievalLog.FeedItemFallback(logger, item.Key, "the page holds less text than the item");
                draft = null;
            }

            if (draft is null)
            {
                if (itemText.Length == 0)
                {
                    throw new IngestionException($"Feed item {item.Key} has no readable page and no content.");
                }

                draft = new ArticleDraft(fallbackSource, item.Title, itemText, item.Link?.AbsoluteUri, item.Author, item.PublishedAt);
            }
            else
            {
                // The page's text, the item's metadata: feeds state link, author and date; pages often hide or garble them.
                draft = draft with { Url = item.Link?.AbsoluteUri ?? draft.Url, Author = item.Author ?? draft.Author, PublishedAt = item.PublishedAt ?? draft.PublishedAt };
            }

            var result = await batcher.IngestDraftAsync(draft with { FeedId = feedId, Library = library }, cancellationToken);
            if (validators is not null)
            {
                // Remember what the link and the guid became, so the next poll finds the article without a fetch.
                foreach (var key in keys.Where(k => k != result.Source))
                {
                    await validators.SetAsync(key, key == item.Link?.AbsoluteUri ? fetchedValidators : new HttpValidators(null, null), result.Source, cancellationToken);
                }
            }

            return result;
        }
        catch (Exception ex) when (IngestFailure.IsSourceFailure(ex))
        {
            RetrievalLog.IngestFailed(logger, fallbackSource, ex.Message);
            return new IngestResult(fallbackSource, IngestOutcome.Failed, null, ex.Message);
        }
    }
}
