using ChatBot.Core.Model;
using ChatBot.Retrieval.Ingestion;
using ChatBot.Retrieval.Ingestion.Chunking;

namespace ChatBot.Retrieval.Storage.Articles;

/// <summary>
/// Articles, their chunks, embeddings and full-text index. Every write of an article (its row, chunks,
/// vectors and index entries) is one transaction: the store is never left half-written. Reading, finding and deleting
/// an article by id or source happen inside one library: an article of another library is never found.
/// </summary>
public interface IArticleStore
{
    /// <summary>The article with this id if it belongs to <paramref name="library"/>.</summary>
    Task<Article?> GetAsync(string library, long id, CancellationToken cancellationToken);

    /// <summary>The articles with these ids, in one round trip (absent ids are left out; order unspecified).</summary>
    Task<IReadOnlyList<Article>> GetManyAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken);

    /// <summary>The article of <paramref name="library"/> with this source (a source is unique per library).</summary>
    Task<Article?> GetBySourceAsync(string library, string source, CancellationToken cancellationToken);

    /// <summary>The articles of one library, newest first.</summary>
    Task<IReadOnlyList<Article>> ListAsync(string library, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces the article with this source, its chunks and their vectors, atomically.</summary>
    Task<SavedArticle> SaveAsync(ArticleDraft draft, string contentHash, IReadOnlyList<ChunkDraft> chunks, IReadOnlyList<float[]> vectors, CancellationToken cancellationToken);

    /// <summary>Removes the article, its chunks, vectors and index entries if it belongs to <paramref name="library"/>; false otherwise.</summary>
    Task<bool> DeleteAsync(string library, long articleId, CancellationToken cancellationToken);

    Task<string?> GetTextAsync(long articleId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Chunk>> GetChunksAsync(IReadOnlyCollection<long> chunkIds, CancellationToken cancellationToken);

    /// <summary>The chunks with these ids and their sentences' vectors (<see cref="Embeddings.SentenceVectors"/>): the answer passages, one round trip.</summary>
    Task<IReadOnlyList<StoredChunk>> GetChunksWithSentenceVectorsAsync(IReadOnlyCollection<long> chunkIds, CancellationToken cancellationToken);

    Task<IReadOnlyList<Chunk>> GetArticleChunksAsync(long articleId, CancellationToken cancellationToken);

    /// <summary>
    /// Vectors already computed for these chunk texts (by text hash) in any library, so unchanged passages are not
    /// re-embedded: the same page in two libraries is two articles but is encoded once. A vector carries no text. The
    /// chunk's sentence vectors come along (null for rows stored before them).
    /// </summary>
    Task<IReadOnlyDictionary<string, KnownVectors>> FindVectorsByTextHashAsync(IReadOnlyCollection<string> textHashes, CancellationToken cancellationToken);

    /// <summary>
    /// BM25 over chunk text and article title, inside one library: the library is a condition of the full-text query
    /// itself, so the best <paramref name="limit"/> of that library come back however large other libraries are.
    /// <paramref name="terms"/> are plain words, OR-ed.
    /// </summary>
    Task<IReadOnlyList<LexicalHit>> SearchLexicalAsync(string library, IReadOnlyList<string> terms, int limit, CancellationToken cancellationToken);

    /// <summary>How many chunks of one library contain each term (for term weights), and that library's number of chunks.</summary>
    Task<(IReadOnlyDictionary<string, int> DocumentFrequency, int ChunkCount)> GetTermStatisticsAsync(string library, IReadOnlyCollection<string> terms, CancellationToken cancellationToken);

    /// <summary>All chunks of every library (the health check compares it with the in-memory index).</summary>
    Task<int> CountChunksAsync(CancellationToken cancellationToken);

    IAsyncEnumerable<StoredEmbedding> ReadEmbeddingsAsync(CancellationToken cancellationToken);
}
