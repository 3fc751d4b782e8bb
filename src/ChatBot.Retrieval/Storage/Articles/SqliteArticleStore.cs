using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using ChatBot.Core.Model;
using ChatBot.Retrieval.Ingestion;
using ChatBot.Retrieval.Ingestion.Chunking;
using ChatBot.Retrieval.Storage.Sql;
using Microsoft.Data.Sqlite;

namespace ChatBot.Retrieval.Storage.Articles;

/// <summary>The article store on one SQLite file: rows, chunks with their vectors (BLOB), and FTS5 for BM25.</summary>
public sealed class SqliteArticleStore(
    SqliteConnectionFactory connections,
    IEnumerable<SqliteMigration> migrations,
    TimeProvider timeProvider) : IArticleStore
{
    private const string ArticleColumns = "id, source, title, url, author, published_at, ingested_at, content_hash, chunk_count, feed_id";

    // One process owns a SQLite file (scale-out uses PostgreSQL), so an in-process version is enough.
    private readonly TermStatisticsCache _termStatistics = new();

    public Task MigrateAsync(CancellationToken cancellationToken) =>
        SqliteMigrator.MigrateAsync(connections, migrations.Prepend(SqliteSchema.Articles), timeProvider, cancellationToken);

    public async Task<Article?> GetAsync(long id, CancellationToken cancellationToken)
    {
        var list = await QueryArticlesAsync("WHERE id = $p", id, cancellationToken);
        return list.Count == 0 ? null : list[0];
    }

    public async Task<IReadOnlyList<Article>> GetManyAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return [];
        }

        var list = ids.Distinct().Select(id => id.ToString(CultureInfo.InvariantCulture));
        return await QueryArticlesAsync($"WHERE id IN ({string.Join(',', list)})", null, cancellationToken);
    }

    public async Task<Article?> GetBySourceAsync(string source, CancellationToken cancellationToken)
    {
        var list = await QueryArticlesAsync("WHERE source = $p", source, cancellationToken);
        return list.Count == 0 ? null : list[0];
    }

    public Task<IReadOnlyList<Article>> ListAsync(CancellationToken cancellationToken) =>
        QueryArticlesAsync("ORDER BY ingested_at DESC, id DESC", null, cancellationToken);

    public async Task<SavedArticle> SaveAsync(ArticleDraft draft, string contentHash, IReadOnlyList<ChunkDraft> chunks, IReadOnlyList<float[]> vectors, CancellationToken cancellationToken)
    {
        if (chunks.Count != vectors.Count)
        {
            throw new ArgumentException("Every chunk needs exactly one vector.", nameof(vectors));
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        var now = timeProvider.GetUtcNow();

        long? existingId = null;
        await using (var find = connection.CreateCommand())
        {
            find.Transaction = transaction;
            find.CommandText = "SELECT id FROM articles WHERE source = $source";
            find.Parameters.AddWithValue("$source", draft.Source);
            existingId = await find.ExecuteScalarAsync(cancellationToken) as long?;
        }

        if (existingId is long oldId)
        {
            await DeleteChunksAsync(connection, transaction, oldId, cancellationToken);
        }

        await using (var upsert = connection.CreateCommand())
        {
            upsert.Transaction = transaction;
            upsert.CommandText = """
                INSERT INTO articles (source, title, url, author, published_at, ingested_at, content_hash, text, feed_id, chunk_count)
                VALUES ($source, $title, $url, $author, $published, $ingested, $hash, $text, $feed, $count)
                ON CONFLICT (source) DO UPDATE SET title = excluded.title, url = excluded.url, author = excluded.author,
                    published_at = excluded.published_at, ingested_at = excluded.ingested_at, content_hash = excluded.content_hash,
                    text = excluded.text, feed_id = COALESCE(excluded.feed_id, articles.feed_id), chunk_count = excluded.chunk_count
                RETURNING id
                """;
            upsert.Parameters.AddWithValue("$source", draft.Source);
            upsert.Parameters.AddWithValue("$title", draft.Title);
            upsert.Parameters.AddWithValue("$url", (object?)draft.Url ?? DBNull.Value);
            upsert.Parameters.AddWithValue("$author", (object?)draft.Author ?? DBNull.Value);
            upsert.Parameters.AddWithValue("$published", (object?)draft.PublishedAt?.ToString("O") ?? DBNull.Value);
            upsert.Parameters.AddWithValue("$ingested", now.ToString("O"));
            upsert.Parameters.AddWithValue("$hash", contentHash);
            upsert.Parameters.AddWithValue("$text", draft.Text);
            upsert.Parameters.AddWithValue("$feed", (object?)draft.FeedId ?? DBNull.Value);
            upsert.Parameters.AddWithValue("$count", chunks.Count);
            existingId = (long)(await upsert.ExecuteScalarAsync(cancellationToken))!;
        }

        var articleId = existingId.Value;
        var chunkIds = new List<long>(chunks.Count);
        await using (var insertChunk = connection.CreateCommand())
        await using (var insertFts = connection.CreateCommand())
        {
            insertChunk.Transaction = transaction;
            insertChunk.CommandText = """
                INSERT INTO chunks (article_id, ordinal, start, text, text_hash, sentences, embedding)
                VALUES ($article, $ordinal, $start, $text, $hash, $sentences, $embedding) RETURNING id
                """;
            var pArticle = insertChunk.Parameters.Add("$article", SqliteType.Integer);
            var pOrdinal = insertChunk.Parameters.Add("$ordinal", SqliteType.Integer);
            var pStart = insertChunk.Parameters.Add("$start", SqliteType.Integer);
            var pText = insertChunk.Parameters.Add("$text", SqliteType.Text);
            var pHash = insertChunk.Parameters.Add("$hash", SqliteType.Text);
            var pSentences = insertChunk.Parameters.Add("$sentences", SqliteType.Text);
            var pEmbedding = insertChunk.Parameters.Add("$embedding", SqliteType.Blob);

            insertFts.Transaction = transaction;
            insertFts.CommandText = "INSERT INTO chunks_fts (rowid, title, text) VALUES ($id, $title, $text)";
            var fId = insertFts.Parameters.Add("$id", SqliteType.Integer);
            var fTitle = insertFts.Parameters.Add("$title", SqliteType.Text);
            var fText = insertFts.Parameters.Add("$text", SqliteType.Text);

            for (var i = 0; i < chunks.Count; i++)
            {
                var chunk = chunks[i];
                pArticle.Value = articleId;
                pOrdinal.Value = chunk.Ordinal;
                pStart.Value = chunk.Start;
                pText.Value = chunk.Text;
                pHash.Value = ContentHash.Of(chunk.EmbeddingInput);
                pSentences.Value = EncodeSpans(chunk.Sentences);
                pEmbedding.Value = MemoryMarshal.AsBytes(vectors[i].AsSpan()).ToArray();
                var chunkId = (long)(await insertChunk.ExecuteScalarAsync(cancellationToken))!;
                chunkIds.Add(chunkId);

                fId.Value = chunkId;
                fTitle.Value = draft.Title;
                fText.Value = chunk.Text;
                await insertFts.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        _termStatistics.Invalidate();
        return new SavedArticle(new Article(articleId, draft.Source, draft.Title, draft.Url, draft.Author, draft.PublishedAt, now, contentHash, chunks.Count, draft.FeedId), chunkIds);
    }

    public async Task<bool> DeleteAsync(long articleId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await DeleteChunksAsync(connection, transaction, articleId, cancellationToken);
        await using var delete = connection.CreateCommand();
        delete.Transaction = transaction;
        delete.CommandText = "DELETE FROM articles WHERE id = $id";
        delete.Parameters.AddWithValue("$id", articleId);
        var deleted = await delete.ExecuteNonQueryAsync(cancellationToken) > 0;
        await transaction.CommitAsync(cancellationToken);
        _termStatistics.Invalidate();
        return deleted;
    }

    public async Task<string?> GetTextAsync(long articleId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT text FROM articles WHERE id = $id";
        command.Parameters.AddWithValue("$id", articleId);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async Task<IReadOnlyList<Chunk>> GetChunksAsync(IReadOnlyCollection<long> chunkIds, CancellationToken cancellationToken)
    {
        if (chunkIds.Count == 0)
        {
            return [];
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var names = new List<string>(chunkIds.Count);
        var i = 0;
        foreach (var id in chunkIds)
        {
            var name = "$c" + i++.ToString(CultureInfo.InvariantCulture);
            names.Add(name);
            command.Parameters.AddWithValue(name, id);
        }

        command.CommandText = $"SELECT id, article_id, ordinal, text, start, sentences FROM chunks WHERE id IN ({string.Join(',', names)})";
        return await ReadChunksAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<Chunk>> GetArticleChunksAsync(long articleId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, article_id, ordinal, text, start, sentences FROM chunks WHERE article_id = $id ORDER BY ordinal";
        command.Parameters.AddWithValue("$id", articleId);
        return await ReadChunksAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, float[]>> FindVectorsByTextHashAsync(IReadOnlyCollection<string> textHashes, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, float[]>(StringComparer.Ordinal);
        if (textHashes.Count == 0)
        {
            return found;
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT embedding FROM chunks WHERE text_hash = $hash LIMIT 1";
        var hash = command.Parameters.Add("$hash", SqliteType.Text);
        foreach (var h in textHashes.Distinct())
        {
            hash.Value = h;
            if (await command.ExecuteScalarAsync(cancellationToken) is byte[] blob)
            {
                found[h] = ToVector(blob);
            }
        }

        return found;
    }

    public async Task<IReadOnlyList<LexicalHit>> SearchLexicalAsync(IReadOnlyList<string> terms, int limit, CancellationToken cancellationToken)
    {
        var query = FtsQuery(terms);
        if (query.Length == 0)
        {
            return [];
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT f.id, c.article_id, -f.bm25 AS score
            FROM (
                SELECT rowid AS id, bm25(chunks_fts, 0.5, 1.0) AS bm25 FROM chunks_fts
                WHERE chunks_fts MATCH $query
                ORDER BY bm25, rowid
                LIMIT $limit
            ) f JOIN chunks c ON c.id = f.id
            ORDER BY f.bm25, f.id
            """;
        command.Parameters.AddWithValue("$query", query);
        command.Parameters.AddWithValue("$limit", limit);
        var hits = new List<LexicalHit>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            hits.Add(new LexicalHit(reader.GetInt64(0), reader.GetInt64(1), reader.GetDouble(2)));
        }

        return hits;
    }

    public async Task<(IReadOnlyDictionary<string, int> DocumentFrequency, int ChunkCount)> GetTermStatisticsAsync(IReadOnlyCollection<string> terms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terms);

        // Captured before reading: figures read while a save commits are stored under the old version and dropped.
        var version = _termStatistics.Version;
        var frequencies = new Dictionary<string, int>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var term in terms)
        {
            if (frequencies.ContainsKey(term) || missing.Contains(term) || FtsQuery([term]).Length == 0)
            {
                continue;
            }

            if (_termStatistics.TryGetFrequency(term, out var cached))
            {
                frequencies[term] = cached;
            }
            else
            {
                missing.Add(term);
            }
        }

        var knownTotal = _termStatistics.TryGetChunkCount(out var total);
        if (knownTotal && missing.Count == 0)
        {
            return (frequencies, total);
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        if (!knownTotal)
        {
            await using var count = connection.CreateCommand();
            count.CommandText = "SELECT count(*) FROM chunks";
            total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        var read = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM chunks_fts WHERE chunks_fts MATCH $query";
        var query = command.Parameters.Add("$query", SqliteType.Text);
        foreach (var term in missing)
        {
            query.Value = FtsQuery([term]);
            read[term] = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
            frequencies[term] = read[term];
        }

        _termStatistics.Store(version, total, read);
        return (frequencies, total);
    }

    public async IAsyncEnumerable<StoredEmbedding> ReadEmbeddingsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, article_id, embedding FROM chunks ORDER BY id";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new StoredEmbedding(reader.GetInt64(0), reader.GetInt64(1), ToVector((byte[])reader.GetValue(2)));
        }
    }

    /// <summary>An FTS5 query that ORs the terms, each quoted so no user text is read as FTS syntax.</summary>
    internal static string FtsQuery(IEnumerable<string> terms) =>
        string.Join(" OR ", terms.Where(t => t.Any(char.IsLetterOrDigit)).Distinct().Select(t => "\"" + t.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));

    private static async Task DeleteChunksAsync(SqliteConnection connection, SqliteTransaction transaction, long articleId, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, transaction, $"DELETE FROM chunks_fts WHERE rowid IN (SELECT id FROM chunks WHERE article_id = {articleId.ToString(CultureInfo.InvariantCulture)})", cancellationToken);
        await ExecuteAsync(connection, transaction, $"DELETE FROM chunks WHERE article_id = {articleId.ToString(CultureInfo.InvariantCulture)}", cancellationToken);
    }

    private async Task<IReadOnlyList<Article>> QueryArticlesAsync(string where, object? parameter, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {ArticleColumns} FROM articles {where}";
        if (parameter is not null)
        {
            command.Parameters.AddWithValue("$p", parameter);
        }

        var list = new List<Article>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new Article(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture),
                DateTimeOffset.Parse(reader.GetString(6), CultureInfo.InvariantCulture),
                reader.GetString(7),
                reader.GetInt32(8),
                reader.IsDBNull(9) ? null : reader.GetInt64(9)));
        }

        return list;
    }

    private static async Task<IReadOnlyList<Chunk>> ReadChunksAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var list = new List<Chunk>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new Chunk(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt32(2), reader.GetString(3), reader.GetInt32(4), DecodeSpans(reader.GetString(5))));
        }

        return list;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static float[] ToVector(byte[] blob) => MemoryMarshal.Cast<byte, float>(blob).ToArray();

    internal static string EncodeSpans(IReadOnlyList<TextSpan> spans)
    {
        var builder = new StringBuilder(spans.Count * 8);
        foreach (var span in spans)
        {
            if (builder.Length > 0)
            {
                builder.Append(',');
            }

            builder.Append(CultureInfo.InvariantCulture, $"{span.Start}:{span.Length}");
        }

        return builder.ToString();
    }

    internal static IReadOnlyList<TextSpan> DecodeSpans(string encoded)
    {
        if (encoded.Length == 0)
        {
            return [];
        }

        var parts = encoded.Split(',');
        var spans = new TextSpan[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            var colon = parts[i].IndexOf(':', StringComparison.Ordinal);
            spans[i] = new TextSpan(
                int.Parse(parts[i].AsSpan(0, colon), CultureInfo.InvariantCulture),
                int.Parse(parts[i].AsSpan(colon + 1), CultureInfo.InvariantCulture));
        }

        return spans;
    }
}
