using System.Diagnostics;
using ChatBot.Core.Model;
using ChatBot.Core.Retrieval;
using ChatBot.Retrieval.Logging;
using ChatBot.Retrieval.Search;
using ChatBot.Retrieval.Storage;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

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
    IWebArticleFetcher? web = null)
{
    /// <summary>Raised after each source of a multi-source ingest: (done, total, result).</summary>
    public event Action<int, int, IngestResult>? Progress;

    /// <summary>Ingests a file, a folder (recursively, supported types only) or an http(s) URL.</summary>
    public async Task<IReadOnlyList<IngestResult>> IngestAsync(string pathOrUrl, CancellationToken cancellationToken)
    {
        if (Uri.TryCreate(pathOrUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return [await IngestUrlAsync(uri, cancellationToken)];
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

    public async Task<IngestResult> IngestUrlAsync(Uri url, CancellationToken cancellationToken)
    {
        var source = url.AbsoluteUri;
        if (web is null)
        {
            return new IngestResult(source, IngestOutcome.Failed, null, "Web pages cannot be fetched: no web fetcher is configured.");
        }

        try
        {
            var draft = await web.FetchAsync(url, cancellationToken);
            return await IngestDraftAsync(draft, cancellationToken);
        }
        catch (IngestionException ex)
        {
            RetrievalLog.IngestFailed(logger, source, ex.Message);
            return new IngestResult(source, IngestOutcome.Failed, null, ex.Message);
        }
    }

    /// <summary>Stores an extracted article: skipped when its content is unchanged, its chunks replaced when changed.</summary>
    public async Task<IngestResult> IngestDraftAsync(ArticleDraft draft, CancellationToken cancellationToken)
    {
        var hash = ContentHash.Of(draft.Text);
        var existing = await store.GetBySourceAsync(draft.Source, cancellationToken);
        if (existing is not null && existing.ContentHash == hash && existing.Title == draft.Title)
        {
            RetrievalLog.Unchanged(logger, draft.Source);
            return new IngestResult(draft.Source, IngestOutcome.Unchanged, existing);
        }

        var chunks = chunker.Chunk(draft.Text);
        if (chunks.Count == 0)
        {
            throw new IngestionException($"{draft.Source} holds no text.");
        }

        var textHashes = chunks.Select(c => ContentHash.Of(c.Text)).ToList();
        var known = await store.FindVectorsByTextHashAsync(textHashes, cancellationToken);
        var toEmbed = chunks.Where((_, i) => !known.ContainsKey(textHashes[i])).Select(c => c.Text).Distinct().ToList();
        var fresh = new Dictionary<string, float[]>(StringComparer.Ordinal);
        if (toEmbed.Count > 0)
        {
            var generated = await embeddings.GenerateAsync(toEmbed, cancellationToken: cancellationToken);
            for (var i = 0; i < toEmbed.Count; i++)
            {
                fresh[ContentHash.Of(toEmbed[i])] = generated[i].Vector.ToArray();
            }
        }

        var vectors = textHashes.Select(h => known.TryGetValue(h, out var v) ? v : fresh[h]).ToList();
        var saved = await store.SaveAsync(draft, hash, chunks, vectors, cancellationToken);

        // The store has committed: bring the in-memory index in line with it.
        index.RemoveArticle(saved.Article.Id);
        for (var i = 0; i < saved.ChunkIds.Count; i++)
        {
            index.Add(saved.ChunkIds[i], saved.Article.Id, vectors[i]);
        }

        var outcome = existing is null ? IngestOutcome.Added : IngestOutcome.Updated;
        RetrievalLog.Ingested(logger, draft.Source, outcome.ToString(), chunks.Count, toEmbed.Count, chunks.Count - toEmbed.Count);
        return new IngestResult(draft.Source, outcome, saved.Article);
    }

    /// <summary>Drops a deleted article's vectors from the in-memory index.</summary>
    public void Forget(long articleId) => index.RemoveArticle(articleId);

    /// <summary>Loads every stored vector into the in-memory index (at start).</summary>
    public async Task LoadIndexAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        index.Clear();
        await foreach (var stored in store.ReadEmbeddingsAsync(cancellationToken))
        {
            index.Add(stored.ChunkId, stored.ArticleId, stored.Vector);
        }

        var articles = await store.ListAsync(cancellationToken);
        RetrievalLog.IndexLoaded(logger, articles.Count, index.Count, index.MemoryBytes / 1048576.0, watch.ElapsedMilliseconds);
    }
}
