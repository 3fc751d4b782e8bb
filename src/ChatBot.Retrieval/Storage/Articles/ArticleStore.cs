using System.Collections.Concurrent;
using System.Data.Common;
using ChatBot.Core.Model;
using ChatBot.Retrieval.Ingestion.Chunking;
using ChatBot.Retrieval.Search.Lexical;
using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.Retrieval.Storage.Articles;

/// <summary>
/// What the article store does the same on both dialects: reading articles and chunks (their row mapping, once),
/// the vectors of known chunk texts in one query, term statistics cached per index version, and lexical search and
/// term statistics from the in-memory BM25 index (<paramref name="lexical"/>, once loaded) before the dialect's own
/// full-text search. The dialects add what differs: how a save writes chunks, vectors and the full-text index (and
/// hands the rows to the index), and how their own full-text search ranks.
/// </summary>
public abstract partial class ArticleStore(SqlDatabase database, LexicalSearch? lexical = null) : IArticleStore
{
    /// <summary>The in-memory BM25 index (null: the dialect's full-text search alone; ArticleStore.Lexical.cs).</summary>
    private readonly LexicalSearch? _lexical = lexical;

    protected const string ArticleColumns = "id, source, title, url, author, published_at, ingested_at, content_hash, chunk_count, feed_id, library";
    protected const string ChunkColumns = "id, article_id, ordinal, text, start, sentences";

    /// <summary>Inserts the article or replaces the one with the same source (keeping its feed when the draft has none).</summary>
    protected const string Upsert = """
        INSERT INTO articles (library, source, title, url, author, published_at, ingested_at, content_hash, text, feed_id, chunk_count)
        VALUES (@library, @source, @title, @url, @author, @published, @ingested, @hash, @text, @feed, @count)
        ON CONFLICT (library, source) DO UPDATE SET title = excluded.title, url = excluded.url, author = excluded.author,
            published_at = excluded.published_at, ingested_at = excluded.ingested_at, content_hash = excluded.content_hash,
            text = excluded.text, feed_id = COALESCE(excluded.feed_id, articles.feed_id), chunk_count = excluded.chunk_count
        RETURNING id
        """;

    public static readonly SqlMigration Migration = new("0001_articles", SqliteArticleSql.Schema, PostgresArticleSql.Schema);

    /// <summary>Registered right after <see cref="Migration"/>: adds the library to every article, chunk and full-text row,
    /// moving existing ones into <paramref name="defaultLibrary"/> (<c>Libraries:Default</c>).</summary>
    public static SqlMigration LibrariesMigration(string defaultLibrary) =>
        SqlMigration.IntoLibrary("0002_article_libraries", SqliteArticleSql.LibrariesMigration, PostgresArticleSql.LibrariesMigration, defaultLibrary);

    /// <summary>0005: each chunk's sentence vectors (<see cref="Embeddings.SentenceVectors"/>), null for rows written before (a plain column add: no rewrite).</summary>
    public static readonly SqlMigration SentenceVectorsMigration = new(
        "0005_chunk_sentence_vectors", "ALTER TABLE chunks ADD COLUMN sentence_vectors BLOB NULL", "ALTER TABLE chunks ADD COLUMN IF NOT EXISTS sentence_vectors bytea NULL");

    /// <summary>
    /// 0006: the chunks still without sentence vectors, in a partial index, so the backfill's look at every start reads
    /// only those (without it, a scan of every chunk row: gigabytes at a million chunks).
    /// </summary>
    public static readonly SqlMigration SentenceVectorBackfillMigration = new(
        "0006_chunks_without_sentence_vectors",
        "CREATE INDEX IF NOT EXISTS chunks_without_sentence_vectors ON chunks(id) WHERE sentence_vectors IS NULL",
        "CREATE INDEX IF NOT EXISTS chunks_without_sentence_vectors ON chunks (id) WHERE sentence_vectors IS NULL");

    protected SqlDatabase Database { get; } = database;

    /// <summary>The chunk count, highest chunk id and its article's write time, which a cold-start snapshot must match (<see cref="Index.IndexFingerprint"/>).</summary>
    public Task<Index.IndexFingerprint> GetIndexFingerprintAsync(CancellationToken cancellationToken) => Index.IndexFingerprint.ReadAsync(Database, cancellationToken);

    public async Task<Article?> GetAsync(string library, long id, CancellationToken cancellationToken) =>
        First(await QueryArticlesAsync(library, "AND id = @p", id, cancellationToken));

    public async Task<IReadOnlyList<Article>> GetManyAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return ids.Count == 0
            ? []
            : await Database.QueryAsync($"SELECT {ArticleColumns} FROM articles WHERE {Database.InList("id", "p")}", [("p", Database.List(ids.Distinct().ToArray()))], ReadArticle, cancellationToken);
    }

    public async Task<Article?> GetBySourceAsync(string library, string source, CancellationToken cancellationToken) =>
        First(await QueryArticlesAsync(library, "AND source = @p", source, cancellationToken));

    public Task<IReadOnlyList<Article>> ListAsync(string library, CancellationToken cancellationToken) =>
        QueryArticlesAsync(library, "ORDER BY ingested_at DESC, id DESC", null, cancellationToken);

    public async Task<SavedArticle> SaveAsync(ArticleDraft draft, string contentHash, IReadOnlyList<ChunkDraft> chunks, IReadOnlyList<float[]> vectors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(chunks);
        ArgumentNullException.ThrowIfNull(vectors);
        if (chunks.Count != vectors.Count)
        {
            throw new ArgumentException("Every chunk needs exactly one vector.", nameof(vectors));
        }

        var saved = await SaveCoreAsync(draft, contentHash, chunks, vectors, cancellationToken);
        InvalidateTermStatistics();
        return saved;
    }

    public async Task<bool> DeleteAsync(string library, long articleId, CancellationToken cancellationToken)
    {
        // An article never changes library: checked once, then deleted by id.
        if (await GetAsync(library, articleId, cancellationToken) is null)
        {
            return false;
        }

        var deleted = await DeleteCoreAsync(articleId, cancellationToken);
        if (deleted && _lexical is not null)
        {
            await _lexical.RemoveArticleAsync(articleId);
        }

        InvalidateTermStatistics();
        return deleted;
    }

    public async Task<string?> GetTextAsync(long articleId, CancellationToken cancellationToken) =>
        await Database.ScalarAsync("SELECT text FROM articles WHERE id = @id", [("id", articleId)], cancellationToken) as string;

    public async Task<IReadOnlyList<Chunk>> GetChunksAsync(IReadOnlyCollection<long> chunkIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chunkIds);
        return chunkIds.Count == 0
            ? []
            : await Database.QueryAsync($"SELECT {ChunkColumns} FROM chunks WHERE {Database.InList("id", "ids")}", [("ids", Database.List(chunkIds))], ReadChunk, cancellationToken);
    }

    public async Task<IReadOnlyList<StoredChunk>> GetChunksWithSentenceVectorsAsync(IReadOnlyCollection<long> chunkIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chunkIds);
        return chunkIds.Count == 0
            ? []
            : await Database.QueryAsync(
                $"SELECT {ChunkColumns}, sentence_vectors FROM chunks WHERE {Database.InList("id", "ids")}",
                [("ids", Database.List(chunkIds))],
                reader =>
                {
                    var chunk = ReadChunk(reader);
                    return new StoredChunk(chunk, Embeddings.SentenceVectors.Decode(reader.GetBytesOrNull(6), chunk.Sentences));
                },
                cancellationToken);
    }

    /// <summary>Up to <paramref name="limit"/> chunks after <paramref name="afterId"/> (id order) stored without sentence vectors (before migration 0005).</summary>
    public Task<IReadOnlyList<Chunk>> ReadChunksWithoutSentenceVectorsAsync(long afterId, int limit, CancellationToken cancellationToken) =>
        Database.QueryAsync(
            $"SELECT {ChunkColumns} FROM chunks WHERE id > @after AND sentence_vectors IS NULL ORDER BY id LIMIT @limit", [("after", afterId), ("limit", limit)], ReadChunk, cancellationToken);

    /// <summary>
    /// Stores backfilled sentence vectors in one transaction, each only while its chunk still holds that text and has
    /// none (a chunk replaced meanwhile is left alone); returns how many were stored.
    /// </summary>
    public Task<int> StoreSentenceVectorsAsync(IReadOnlyList<(Chunk Chunk, byte[] Vectors)> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return Database.InTransactionAsync(
            async (connection, transaction, ct) =>
            {
                var stored = 0;
                foreach (var (chunk, vectors) in rows)
                {
                    stored += await connection.ExecuteAsync(
                        "UPDATE chunks SET sentence_vectors = @vectors WHERE id = @id AND text = @text AND sentence_vectors IS NULL",
                        [("vectors", vectors), ("id", chunk.Id), ("text", chunk.Text)],
                        transaction,
                        ct);
                }

                return stored;
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<Chunk>> GetArticleChunksAsync(long articleId, CancellationToken cancellationToken) =>
        Database.QueryAsync($"SELECT {ChunkColumns} FROM chunks WHERE article_id = @id ORDER BY ordinal", [("id", articleId)], ReadChunk, cancellationToken);

    public async Task<IReadOnlyDictionary<string, KnownVectors>> FindVectorsByTextHashAsync(IReadOnlyCollection<string> textHashes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(textHashes);
        if (textHashes.Count == 0)
        {
            return new Dictionary<string, KnownVectors>(StringComparer.Ordinal);
        }

        var rows = await Database.QueryAsync(
            Database.Pick(SqliteArticleSql.VectorsByHash, PostgresArticleSql.VectorsByHash),
            [("hashes", Database.List(textHashes.Distinct(StringComparer.Ordinal).ToArray()))],
            reader => (Hash: reader.GetString(0), Known: new KnownVectors(ReadVector(reader, 1), reader.GetBytesOrNull(2))),
            cancellationToken);
        return rows.ToDictionary(r => r.Hash, r => r.Known, StringComparer.Ordinal);
    }

    public async Task<int> CountChunksAsync(CancellationToken cancellationToken) =>
        Convert.ToInt32(await Database.ScalarAsync("SELECT count(*) FROM chunks", [], cancellationToken), System.Globalization.CultureInfo.InvariantCulture);

    public abstract IAsyncEnumerable<StoredEmbedding> ReadEmbeddingsAsync(CancellationToken cancellationToken);

    /// <summary>Writes the article, its chunks, vectors and full-text entries in one transaction.</summary>
    protected abstract Task<SavedArticle> SaveCoreAsync(ArticleDraft draft, string contentHash, IReadOnlyList<ChunkDraft> chunks, IReadOnlyList<float[]> vectors, CancellationToken cancellationToken);

    protected abstract Task<bool> DeleteCoreAsync(long articleId, CancellationToken cancellationToken);

    protected abstract float[] ReadVector(DbDataReader reader, int ordinal);

    protected abstract IReadOnlyList<TextSpan> ReadSpans(DbDataReader reader, int ordinal);

    protected SqlArgument[] ArticleArguments(ArticleDraft draft, string contentHash, int chunkCount, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return
        [
            ("library", draft.Library), ("source", draft.Source), ("title", draft.Title), ("url", draft.Url), ("author", draft.Author), ("published", Database.TimeOrNull(draft.PublishedAt)),
            ("ingested", Database.Time(now)), ("hash", contentHash), ("text", draft.Text), ("feed", draft.FeedId), ("count", chunkCount),
        ];
    }

    /// <summary>What a save returns: the article as stored (at <paramref name="now"/>) and its chunk ids in order.</summary>
    protected static SavedArticle Saved(ArticleDraft draft, long articleId, string contentHash, int chunkCount, DateTimeOffset now, IReadOnlyList<long> chunkIds)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return new SavedArticle(
            new Article(articleId, draft.Source, draft.Title, draft.Url, draft.Author, draft.PublishedAt, now, contentHash, chunkCount, draft.FeedId) { Library = draft.Library }, chunkIds);
    }

    protected StoredEmbedding ReadEmbedding(DbDataReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new StoredEmbedding(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), ReadVector(reader, 3));
    }

    private static Article? First(IReadOnlyList<Article> list) => list.Count == 0 ? null : list[0];

    /// <summary>The one place articles are read by library: <paramref name="condition"/> continues the library's WHERE.</summary>
    private Task<IReadOnlyList<Article>> QueryArticlesAsync(string library, string condition, object? parameter, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(library);
        return Database.QueryAsync(
            $"SELECT {ArticleColumns} FROM articles WHERE library = @library {condition}",
            parameter is null ? [("library", library)] : [("library", library), ("p", parameter)],
            ReadArticle,
            cancellationToken);
    }

    private Article ReadArticle(DbDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetStringOrNull(3),
        reader.GetStringOrNull(4),
        Database.ReadTimeOrNull(reader, 5),
        Database.ReadTime(reader, 6),
        reader.GetString(7),
        reader.GetInt32(8),
        reader.GetInt64OrNull(9))
    {
        Library = reader.GetString(10),
    };

    private Chunk ReadChunk(DbDataReader reader) =>
        new(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt32(2), reader.GetString(3), reader.GetInt32(4), ReadSpans(reader, 5));
}
