using System.Collections.Concurrent;
using System.Diagnostics;
using ChatBot.Core.Libraries;
using ChatBot.Core.Model;
using ChatBot.Core.Retrieval;
using ChatBot.Retrieval.Index;
using ChatBot.Retrieval.Ingestion.Chunking;
using ChatBot.Retrieval.Ingestion.Feeds;
using ChatBot.Retrieval.Ingestion.Files;
using ChatBot.Retrieval.Ingestion.Web;
using ChatBot.Retrieval.Logging;
using ChatBot.Retrieval.Search;
using ChatBot.Retrieval.Storage;
using ChatBot.Retrieval.Storage.Articles;
using ChatBot.Retrieval.Storage.HttpCache;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Retrieval.Ingestion;

/// <summary>
/// extract → dedupe (content hash) → chunk → embed (batched, reusing vectors of unchanged passages) → store
/// (one transaction) → in-memory index. One bad source never stops the others.
/// </summary>
public sealed class IngestionPipeline(
    IArticleStore store,
    VectorIndex index,
    Chunker chunker,
    IEmbeddingGenerator<string, Embedding<float>> embeddings,
    FileArticleReader files,
    ILogger<IngestionPipeline> logger,
    IWebArticleFetcher? web = null,
    IHttpValidatorStore? validators = null,
    IOptions<LibraryOptions>? libraries = null) : IDisposable
{
    /// <summary>
    /// Every article is saved into <c>Libraries:Default</c> for now: the store keeps each article's library (a source is
    /// unique per library), but ingestion, search and digests are not separated by library yet (README "Libraries").
    /// </summary>
    private readonly string _library = libraries?.Value.Default ?? LibraryNames.Local;

    /// <summary>
    /// One writer at a time between "commit to the store" and "update the in-memory index" (and for deletes), so
    /// two concurrent writes of one article can never leave the index holding the loser's chunk ids.
    /// </summary>
    private readonly SemaphoreSlim _writes = new(1, 1);

    /// <summary>The source of a feed item that has neither a readable page nor a link.</summary>
    public const string FeedItemSourcePrefix = "feed-item:";

    /// <summary>New passages encoded per group before the group is stored (four model batches of 16).</summary>
    public const int EmbedGroupTexts = 64;

    /// <summary>Raised after each source of a multi-source ingest: (done, total, result).</summary>
    public event Action<int, int, IngestResult>? Progress;

    /// <summary>Ingests a file, a folder (recursively, supported types only) or an http(s) URL.</summary>
    public async Task<IReadOnlyList<IngestResult>> IngestAsync(string pathOrUrl, CancellationToken cancellationToken)
    {
        if (Uri.TryCreate(pathOrUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return await IngestWebAsync(uri, cancellationToken);
        }

        if (Directory.Exists(pathOrUrl))
        {
            return await IngestFolderAsync(pathOrUrl, source => Path.GetFullPath(source), cancellationToken);
        }

        if (!File.Exists(pathOrUrl))
        {
            return [new IngestResult(pathOrUrl, IngestOutcome.Failed, null, $"No such file or folder: {pathOrUrl}")];
        }

        return [await IngestFileAsync(pathOrUrl, Path.GetFullPath(pathOrUrl), cancellationToken)];
    }

    /// <summary>Ingests every supported file of a folder, each under the source name <paramref name="sourceOf"/> gives it.</summary>
    public async Task<IReadOnlyList<IngestResult>> IngestFolderAsync(string folder, Func<string, string> sourceOf, CancellationToken cancellationToken)
    {
        var paths = Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
            .Where(FileArticleReader.IsSupported)
            .Order(StringComparer.Ordinal)
            .ToList();
        var results = new List<IngestResult>(paths.Count);
        foreach (var path in paths)
        {
            var result = await IngestFileAsync(path, sourceOf(path), cancellationToken);
            results.Add(result);
            Progress?.Invoke(results.Count, paths.Count, result);
        }

        return results;
    }

    public async Task<IngestResult> IngestFileAsync(string path, string source, CancellationToken cancellationToken)
    {
        try
        {
            var draft = await files.ReadAsync(path, source, cancellationToken);
            return await IngestDraftAsync(draft, cancellationToken);
        }
        catch (IngestionException ex)
        {
            RetrievalLog.IngestFailed(logger, source, ex.Message);
            return new IngestResult(source, IngestOutcome.Failed, null, ex.Message);
        }
    }

    /// <summary>Ingests the web page at <paramref name="url"/> (a feed URL is refused: see <see cref="IngestWebAsync"/>).</summary>
    public async Task<IngestResult> IngestUrlAsync(Uri url, CancellationToken cancellationToken)
    {
        var results = await IngestWebCoreAsync(url, allowFeed: false, cancellationToken);
        return results[0];
    }

    /// <summary>Ingests a web page, or every item of an RSS/Atom feed (detected by content type or root element).</summary>
    public Task<IReadOnlyList<IngestResult>> IngestWebAsync(Uri url, CancellationToken cancellationToken) =>
        IngestWebCoreAsync(url, allowFeed: true, cancellationToken);

    /// <summary>
    /// Ingests one feed entry: its linked page when it can be fetched and read, else the entry's own content.
    /// An entry already indexed (by link, or by guid for link-less entries) is not fetched again; a page whose
    /// canonical URL is already indexed with the same text is left unchanged.
    /// </summary>
    public async Task<IngestResult> IngestFeedItemAsync(FeedItem item, long? feedId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var keySource = FeedItemSourcePrefix + item.Key;
        var fallbackSource = item.Link?.AbsoluteUri ?? keySource;
        try
        {
            var keys = new[] { item.Link?.AbsoluteUri, keySource }.OfType<string>().Distinct().ToList();
            foreach (var key in keys)
            {
                var alias = validators is null ? null : await validators.GetAsync(key, cancellationToken);
                foreach (var known in new[] { key, alias?.Source })
                {
                    if (known is not null && await store.GetBySourceAsync(known, cancellationToken) is { } existing)
                    {
                        RetrievalLog.FeedItemKnown(logger, item.Key, existing.Source);
                        return new IngestResult(existing.Source, IngestOutcome.Unchanged, existing);
                    }
                }
            }

            ArticleDraft? draft = null;
            var fetchedValidators = new HttpValidators(null, null);
            if (item.Link is not null && web is not null)
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

            if (draft is null)
            {
                var text = item.Content?.Trim() ?? string.Empty; // plain text: the feed reader cleaned the item's HTML
                if (text.Length == 0)
                {
                    throw new IngestionException($"Feed item {item.Key} has no readable page and no content.");
                }

                draft = new ArticleDraft(fallbackSource, item.Title, text, item.Link?.AbsoluteUri, item.Author, item.PublishedAt);
            }
            else
            {
                draft = draft with { Author = draft.Author ?? item.Author, PublishedAt = draft.PublishedAt ?? item.PublishedAt };
            }

            var result = await IngestDraftAsync(draft with { FeedId = feedId }, cancellationToken);
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
        catch (IngestionException ex)
        {
            RetrievalLog.IngestFailed(logger, fallbackSource, ex.Message);
            return new IngestResult(fallbackSource, IngestOutcome.Failed, null, ex.Message);
        }
    }

    private async Task<IReadOnlyList<IngestResult>> IngestWebCoreAsync(Uri url, bool allowFeed, CancellationToken cancellationToken)
    {
        var source = url.AbsoluteUri;
        if (web is null)
        {
            return [new IngestResult(source, IngestOutcome.Failed, null, "Web pages cannot be fetched: no web fetcher is configured.")];
        }

        try
        {
            var previous = validators is null ? null : await validators.GetAsync(url.AbsoluteUri, cancellationToken);
            var known = previous is null ? null : await store.GetBySourceAsync(previous.Value.Source, cancellationToken);
            var fetched = await web.FetchAsync(url, known is null ? null : previous!.Value.Validators, cancellationToken);
            if (fetched.NotModified && known is not null)
            {
                RetrievalLog.Unchanged(logger, known.Source);
                return [new IngestResult(known.Source, IngestOutcome.Unchanged, known)];
            }

            if (fetched.Feed is { } feed)
            {
                if (!allowFeed)
                {
                    throw new IngestionException($"{url} is a feed, not an article.");
                }

                var results = new List<IngestResult>(feed.Items.Count);
                foreach (var item in feed.Items)
                {
                    var result = await IngestFeedItemAsync(item, null, cancellationToken);
                    results.Add(result);
                    Progress?.Invoke(results.Count, feed.Items.Count, result);
                }

                return results.Count == 0 ? [new IngestResult(source, IngestOutcome.Failed, null, $"The feed {url} has no items.")] : results;
            }

            var draft = fetched.Article ?? throw new IngestionException($"{url} answered without an article.");
            var ingested = await IngestDraftAsync(draft, cancellationToken);
            if (validators is not null && !fetched.Validators.IsEmpty)
            {
                await validators.SetAsync(url.AbsoluteUri, fetched.Validators, ingested.Source, cancellationToken);
            }

            return [ingested];
        }
        catch (IngestionException ex)
        {
            RetrievalLog.IngestFailed(logger, source, ex.Message);
            return [new IngestResult(source, IngestOutcome.Failed, null, ex.Message)];
        }
    }

    /// <summary>Stores an extracted article: skipped when its content is unchanged, its chunks replaced when changed.</summary>
    /// <exception cref="IngestionException">The article holds no text.</exception>
    public async Task<IngestResult> IngestDraftAsync(ArticleDraft draft, CancellationToken cancellationToken)
    {
        var result = (await IngestDraftsAsync([draft], cancellationToken))[0];
        return result.Outcome == IngestOutcome.Failed ? throw new IngestionException(result.Error ?? $"{draft.Source} holds no text.") : result;
    }

    /// <summary>
    /// Stores several extracted articles, embedding all their new passages in one batched call (bulk loads).
    /// Each article is still its own transaction; an article without text fails alone.
    /// </summary>
    public async Task<IReadOnlyList<IngestResult>> IngestDraftsAsync(IReadOnlyList<ArticleDraft> drafts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        var results = new IngestResult?[drafts.Count];
        var pending = new List<PendingArticle>(drafts.Count);
        var toEmbed = new List<(string Text, string Hash)>();
        var queued = new HashSet<string>(StringComparer.Ordinal);
        for (var d = 0; d < drafts.Count; d++)
        {
            var draft = drafts[d];
            var hash = ContentHash.Of(draft.Text);
            var existing = await store.GetBySourceAsync(draft.Source, cancellationToken);
            if (existing is not null && existing.ContentHash == hash && existing.Title == draft.Title)
            {
                RetrievalLog.Unchanged(logger, draft.Source);
                results[d] = new IngestResult(draft.Source, IngestOutcome.Unchanged, existing);
                continue;
            }

            var chunks = chunker.Chunk(draft.Text).Select(c => c.WithTitle(draft.Title)).ToList();
            if (chunks.Count == 0)
            {
                results[d] = new IngestResult(draft.Source, IngestOutcome.Failed, null, $"{draft.Source} holds no text.");
                RetrievalLog.IngestFailed(logger, draft.Source, results[d]!.Error!);
                continue;
            }

            var textHashes = chunks.Select(c => ContentHash.Of(c.EmbeddingInput)).ToList();
            var known = await store.FindVectorsByTextHashAsync(textHashes, cancellationToken);
            var embedded = 0;
            var firstQueued = new List<int>();
            for (var i = 0; i < chunks.Count; i++)
            {
                if (!known.ContainsKey(textHashes[i]))
                {
                    embedded++;
                    if (queued.Add(textHashes[i]))
                    {
                        firstQueued.Add(toEmbed.Count);
                        toEmbed.Add((chunks[i].EmbeddingInput, textHashes[i]));
                    }
                }
            }

            pending.Add(new PendingArticle(d, draft, hash, existing, chunks, textHashes, known, embedded, firstQueued));
        }

        // Embed in groups of whole articles and store group k while group k + 1 is being encoded: the model
        // keeps the cores busy and the writes hide behind it. Vectors of a text queued by an earlier article are
        // shared (one encode per distinct text). A failure stops at its group: earlier groups are committed,
        // each article still in its own transaction.
        var fresh = new ConcurrentDictionary<string, float[]>(StringComparer.Ordinal);
        Task? saving = null;
        foreach (var group in Groups(pending, EmbedGroupTexts))
        {
            var texts = new List<string>();
            var hashes = new List<string>();
            foreach (var queuedAt in group.SelectMany(a => a.FirstQueued))
            {
                texts.Add(toEmbed[queuedAt].Text);
                hashes.Add(toEmbed[queuedAt].Hash);
            }

            if (texts.Count > 0)
            {
                var generated = await embeddings.GenerateAsync(texts, cancellationToken: cancellationToken);
                for (var i = 0; i < texts.Count; i++)
                {
                    fresh[hashes[i]] = generated[i].Vector.ToArray();
                }
            }

            if (saving is not null)
            {
                await saving;
            }

            // SQLite completes "async" calls synchronously: write on the pool so the next encode overlaps it.
            saving = Task.Run(() => SaveGroupAsync(group, fresh, results, cancellationToken), cancellationToken);
        }

        if (saving is not null)
        {
            await saving;
        }

        return results.Select(r => r!).ToList();
    }

    private static IEnumerable<List<PendingArticle>> Groups(List<PendingArticle> pending, int texts)
    {
        var group = new List<PendingArticle>();
        var count = 0;
        foreach (var article in pending)
        {
            group.Add(article);
            count += article.FirstQueued.Count;
            if (count >= texts)
            {
                yield return group;
                group = [];
                count = 0;
            }
        }

        if (group.Count > 0)
        {
            yield return group;
        }
    }

    private async Task SaveGroupAsync(List<PendingArticle> group, ConcurrentDictionary<string, float[]> fresh, IngestResult?[] results, CancellationToken cancellationToken)
    {
        foreach (var article in group)
        {
            var vectors = article.TextHashes.Select(h => article.Known.TryGetValue(h, out var v) ? v : fresh[h]).ToList();
            SavedArticle saved;
            await _writes.WaitAsync(cancellationToken);
            try
            {
                saved = await store.SaveAsync(article.Draft with { Library = _library }, article.ContentHash, article.Chunks, vectors, cancellationToken);

                // The store has committed: bring the in-memory index in line with it.
                index.RemoveArticle(saved.Article.Id);
                for (var i = 0; i < saved.ChunkIds.Count; i++)
                {
                    index.Add(saved.ChunkIds[i], saved.Article.Id, saved.Article.Library, vectors[i]);
                }
            }
            finally
            {
                _writes.Release();
            }

            var outcome = article.Existing is null ? IngestOutcome.Added : IngestOutcome.Updated;
            RetrievalLog.Ingested(logger, article.Draft.Source, outcome.ToString(), article.Chunks.Count, article.Embedded, article.Chunks.Count - article.Embedded);
            results[article.Index] = new IngestResult(article.Draft.Source, outcome, saved.Article);
        }
    }

    /// <summary>Deletes an article from the store and then its vectors from the in-memory index, as one write.</summary>
    public async Task<bool> DeleteAsync(long articleId, CancellationToken cancellationToken)
    {
        await _writes.WaitAsync(cancellationToken);
        try
        {
            if (!await store.DeleteAsync(articleId, cancellationToken))
            {
                return false;
            }

            index.RemoveArticle(articleId);
            return true;
        }
        finally
        {
            _writes.Release();
        }
    }

    public void Dispose() => _writes.Dispose();

    /// <summary>Loads every stored vector into the in-memory index (at start).</summary>
    public async Task LoadIndexAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        index.Clear();
        await foreach (var stored in store.ReadEmbeddingsAsync(cancellationToken))
        {
            index.Add(stored.ChunkId, stored.ArticleId, stored.Library, stored.Vector);
        }

        var articles = await store.ListAsync(cancellationToken);
        RetrievalLog.IndexLoaded(logger, articles.Count, index.Count, index.MemoryBytes / 1048576.0, watch.ElapsedMilliseconds);
    }

    private sealed record PendingArticle(
        int Index,
        ArticleDraft Draft,
        string ContentHash,
        Article? Existing,
        IReadOnlyList<ChunkDraft> Chunks,
        IReadOnlyList<string> TextHashes,
        IReadOnlyDictionary<string, float[]> Known,
        int Embedded,
        List<int> FirstQueued);
}
