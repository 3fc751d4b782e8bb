using ChatBot.Core.Model;
using ChatBot.Retrieval.Ingestion.Chunking;
using ChatBot.Retrieval.Storage.Articles;

namespace ChatBot.IntegrationTests.Retrieval;

/// <summary>A real article store whose first save waits at a gate (a write still in flight) and says when it has finished.</summary>
public sealed class GatedArticleStore(IArticleStore inner, Task gate) : IArticleStore
{
    private int _saves;

    public TaskCompletionSource SaveStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool FirstSaveFinished { get; private set; }

    public async Task<SavedArticle> SaveAsync(ArticleDraft draft, string contentHash, IReadOnlyList<ChunkDraft> chunks, IReadOnlyList<float[]> vectors, CancellationToken cancellationToken)
    {
        var first = Interlocked.Increment(ref _saves) == 1;
        if (first)
        {
            SaveStarted.TrySetResult();
            await gate;
        }

        var saved = await inner.SaveAsync(draft, contentHash, chunks, vectors, cancellationToken);
        FirstSaveFinished |= first;
        return saved;
    }

    public Task<Article?> GetAsync(string library, long id, CancellationToken cancellationToken) => inner.GetAsync(library, id, cancellationToken);

    public Task<IReadOnlyList<Article>> GetManyAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken) => inner.GetManyAsync(ids, cancellationToken);

    public Task<Article?> GetBySourceAsync(string library, string source, CancellationToken cancellationToken) => inner.GetBySourceAsync(library, source, cancellationToken);

    public Task<IReadOnlyList<Article>> ListAsync(string library, CancellationToken cancellationToken) => inner.ListAsync(library, cancellationToken);

    public Task<bool> DeleteAsync(string library, long articleId, CancellationToken cancellationToken) => inner.DeleteAsync(library, articleId, cancellationToken);

    public Task<string?> GetTextAsync(long articleId, CancellationToken cancellationToken) => inner.GetTextAsync(articleId, cancellationToken);

    public Task<IReadOnlyList<Chunk>> GetChunksAsync(IReadOnlyCollection<long> chunkIds, CancellationToken cancellationToken) => inner.GetChunksAsync(chunkIds, cancellationToken);

    public Task<IReadOnlyList<Chunk>> GetArticleChunksAsync(long articleId, CancellationToken cancellationToken) => inner.GetArticleChunksAsync(articleId, cancellationToken);

    public Task<IReadOnlyList<StoredChunk>> GetChunksWithSentenceVectorsAsync(IReadOnlyCollection<long> chunkIds, CancellationToken cancellationToken) =>
        inner.GetChunksWithSentenceVectorsAsync(chunkIds, cancellationToken);

    public Task<IReadOnlyDictionary<string, KnownVectors>> FindVectorsByTextHashAsync(IReadOnlyCollection<string> textHashes, CancellationToken cancellationToken) =>
        inner.FindVectorsByTextHashAsync(textHashes, cancellationToken);

    public Task<IReadOnlyList<LexicalHit>> SearchLexicalAsync(string library, IReadOnlyList<string> terms, int limit, CancellationToken cancellationToken) =>
        inner.SearchLexicalAsync(library, terms, limit, cancellationToken);

    public Task<(IReadOnlyDictionary<string, int> DocumentFrequency, int ChunkCount)> GetTermStatisticsAsync(string library, IReadOnlyCollection<string> terms, CancellationToken cancellationToken) =>
        inner.GetTermStatisticsAsync(library, terms, cancellationToken);

    public Task<int> CountChunksAsync(CancellationToken cancellationToken) => inner.CountChunksAsync(cancellationToken);

    public IAsyncEnumerable<StoredEmbedding> ReadEmbeddingsAsync(CancellationToken cancellationToken) => inner.ReadEmbeddingsAsync(cancellationToken);
}
