using System.Diagnostics;
using ChatBot.Retrieval.Index;
using ChatBot.Retrieval.Ingestion.Chunking;
using ChatBot.Retrieval.Logging;
using ChatBot.Retrieval.Storage.Articles;
using Microsoft.Extensions.Logging;

namespace ChatBot.Retrieval.Ingestion;

/// <summary>
/// Keeps the store and the in-memory vector index in step: one writer at a time between "commit to the store" and
/// "update the index" (and for deletes), so two concurrent writes of one article can never leave the index holding
/// the loser's chunk ids; and the start-up load of every stored vector.
/// </summary>
public sealed class ArticleWriter(IArticleStore store, VectorIndex index, ILogger logger) : IDisposable
{
    private readonly SemaphoreSlim _writes = new(1, 1);

    /// <summary>Saves the article into its draft's library (one transaction) and then replaces its vectors in the index.</summary>
    public async Task<SavedArticle> SaveAsync(ArticleDraft draft, string contentHash, IReadOnlyList<ChunkDraft> chunks, IReadOnlyList<float[]> vectors, CancellationToken cancellationToken)
    {
        await _writes.WaitAsync(cancellationToken);
        try
        {
            var saved = await store.SaveAsync(draft, contentHash, chunks, vectors, cancellationToken);

            // The store has committed: bring the in-memory index in line with it.
            index.RemoveArticle(saved.Article.Id);
            for (var i = 0; i < saved.ChunkIds.Count; i++)
            {
                index.Add(saved.ChunkIds[i], saved.Article.Id, saved.Article.Library, vectors[i]);
            }

            return saved;
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <summary>Deletes an article of <paramref name="library"/> from the store and then its vectors from the in-memory index, as one write.</summary>
    public async Task<bool> DeleteAsync(string library, long articleId, CancellationToken cancellationToken)
    {
        await _writes.WaitAsync(cancellationToken);
        try
        {
            if (!await store.DeleteAsync(library, articleId, cancellationToken))
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

    /// <summary>
    /// Loads every stored vector into the in-memory index (at start): from the index's cold-start snapshot when it has a
    /// vector file and a snapshot of the store as it is (one sequential read), else row by row from the store.
    /// </summary>
    public async Task LoadIndexAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        if (index.SnapshotPath is not null && store is ArticleStore articleStore
            && index.TryLoadSnapshot(await articleStore.GetIndexFingerprintAsync(cancellationToken)))
        {
            RetrievalLog.IndexLoadedFromSnapshot(logger, index.SnapshotPath, index.Count, index.MemoryBytes / 1048576.0, watch.ElapsedMilliseconds);
            return;
        }

        index.Clear();
        var articles = new HashSet<long>();
        await foreach (var stored in store.ReadEmbeddingsAsync(cancellationToken))
        {
            index.Add(stored.ChunkId, stored.ArticleId, stored.Library, stored.Vector);
            articles.Add(stored.ArticleId);
        }

        RetrievalLog.IndexLoaded(logger, articles.Count, index.Count, index.MemoryBytes / 1048576.0, watch.ElapsedMilliseconds);
    }

    public void Dispose() => _writes.Dispose();
}
