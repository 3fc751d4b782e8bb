using System.Data;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using ChatBot.Core.Model;
using ChatBot.Retrieval.Index;
using ChatBot.Retrieval.Ingestion;
using ChatBot.Retrieval.Ingestion.Chunking;
using ChatBot.Retrieval.Logging;
using ChatBot.Retrieval.Storage.Sql;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace ChatBot.Retrieval.Storage.Articles;

/// <summary>
/// The article store on PostgreSQL, shared by every replica: rows, chunks with their vectors (<c>real[]</c>),
/// a stored <c>tsvector</c> with a GIN index for lexical search (ranked by <c>ts_rank</c>), and a change log
/// that the other replicas poll to keep their in-memory vector index current.
/// </summary>
public sealed class PostgresArticleStore(
    PostgresConnectionFactory connections,
    IEnumerable<PostgresMigration> migrations,
    TimeProvider timeProvider,
    ILogger<PostgresArticleStore> logger) : IArticleStore
{
    private const string ArticleColumns = "id, source, title, url, author, published_at, ingested_at, content_hash, chunk_count, feed_id";
    private const string ChunkColumns = "id, article_id, ordinal, text, start, sentences";
    private long _indexSnapshotSequence = -1;

    /// <summary>This store instance (one per replica): its own changes are already in its index.</summary>
    public Guid InstanceId { get; } = Guid.NewGuid();

    /// <summary>The change-log position that the last <see cref="ReadEmbeddingsAsync"/> saw (same snapshot); null before any.</summary>
    public long? IndexSnapshotSequence
    {
        get
        {
            var value = Interlocked.Read(ref _indexSnapshotSequence);
            return value < 0 ? null : value;
        }
    }

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var applied = await connections.RunAsync(
            async (connection, ct) =>
            {
                var names = new List<string>();
                await using var transaction = await connection.BeginTransactionAsync(ct);
                await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({PostgresSchema.MigrationLockKey})", ct);
                await ExecuteAsync(connection, "CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL)", ct);
                foreach (var migration in migrations.Prepend(PostgresSchema.Articles).DistinctBy(m => m.Name))
                {
                    await using var check = new NpgsqlCommand("SELECT 1 FROM schema_migrations WHERE name = @name", connection);
                    check.Parameters.AddWithValue("name", migration.Name);
                    if (await check.ExecuteScalarAsync(ct) is not null)
                    {
                        continue;
                    }

                    await ExecuteAsync(connection, migration.Sql, ct);
                    await using var record = new NpgsqlCommand("INSERT INTO schema_migrations (name, applied_at) VALUES (@name, @at)", connection);
                    record.Parameters.AddWithValue("name", migration.Name);
                    record.Parameters.AddWithValue("at", timeProvider.GetUtcNow().ToUniversalTime());
                    await record.ExecuteNonQueryAsync(ct);
                    names.Add(migration.Name);
                }

                await transaction.CommitAsync(ct);
                return names;
            },
            cancellationToken);
        foreach (var name in applied)
        {
            PostgresLog.MigrationApplied(logger, name);
        }
    }

    public async Task<Article?> GetAsync(long id, CancellationToken cancellationToken)
    {
        var list = await QueryArticlesAsync("WHERE id = @p", id, cancellationToken);
        return list.Count == 0 ? null : list[0];
    }

    public async Task<IReadOnlyList<Article>> GetManyAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return ids.Count == 0 ? [] : await QueryArticlesAsync("WHERE id = ANY(@p)", ids.Distinct().ToArray(), cancellationToken);
    }

    public async Task<Article?> GetBySourceAsync(string source, CancellationToken cancellationToken)
    {
        var list = await QueryArticlesAsync("WHERE source = @p", source, cancellationToken);
        return list.Count == 0 ? null : list[0];
    }

    public Task<IReadOnlyList<Article>> ListAsync(CancellationToken cancellationToken) =>
        QueryArticlesAsync("ORDER BY ingested_at DESC, id DESC", null, cancellationToken);

    public async Task<SavedArticle> SaveAsync(ArticleDraft draft, string contentHash, IReadOnlyList<ChunkDraft> chunks, IReadOnlyList<float[]> vectors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(chunks);
        ArgumentNullException.ThrowIfNull(vectors);
        if (chunks.Count != vectors.Count)
        {
            throw new ArgumentException("Every chunk needs exactly one vector.", nameof(vectors));
        }

        // timestamptz keeps microseconds: what is returned must equal what is read back.
        var now = TruncateToMicroseconds(timeProvider.GetUtcNow().ToUniversalTime());
        return await connections.RunAsync(
            async (connection, ct) =>
            {
                await using var transaction = await connection.BeginTransactionAsync(ct);

                // The upsert locks the article row first, so a concurrent save of the same source waits here
                // and then replaces the chunks the other one committed.
                long articleId;
                await using (var upsert = new NpgsqlCommand(
                    """
                    INSERT INTO articles (source, title, url, author, published_at, ingested_at, content_hash, text, feed_id, chunk_count)
                    VALUES (@source, @title, @url, @author, @published, @ingested, @hash, @text, @feed, @count)
                    ON CONFLICT (source) DO UPDATE SET title = excluded.title, url = excluded.url, author = excluded.author,
                        published_at = excluded.published_at, ingested_at = excluded.ingested_at, content_hash = excluded.content_hash,
                        text = excluded.text, feed_id = COALESCE(excluded.feed_id, articles.feed_id), chunk_count = excluded.chunk_count
                    RETURNING id
                    """,
                    connection))
                {
                    upsert.Parameters.AddWithValue("source", draft.Source);
                    upsert.Parameters.AddWithValue("title", draft.Title);
                    upsert.Parameters.Add(new NpgsqlParameter("url", NpgsqlDbType.Text) { Value = (object?)draft.Url ?? DBNull.Value });
                    upsert.Parameters.Add(new NpgsqlParameter("author", NpgsqlDbType.Text) { Value = (object?)draft.Author ?? DBNull.Value });
                    upsert.Parameters.Add(new NpgsqlParameter("published", NpgsqlDbType.TimestampTz) { Value = (object?)draft.PublishedAt?.ToUniversalTime() ?? DBNull.Value });
                    upsert.Parameters.AddWithValue("ingested", now);
                    upsert.Parameters.AddWithValue("hash", contentHash);
                    upsert.Parameters.AddWithValue("text", draft.Text);
                    upsert.Parameters.Add(new NpgsqlParameter("feed", NpgsqlDbType.Bigint) { Value = (object?)draft.FeedId ?? DBNull.Value });
                    upsert.Parameters.AddWithValue("count", chunks.Count);
                    articleId = (long)(await upsert.ExecuteScalarAsync(ct))!;
                }

                await using (var delete = new NpgsqlCommand("DELETE FROM chunks WHERE article_id = @id", connection))
                {
                    delete.Parameters.AddWithValue("id", articleId);
                    await delete.ExecuteNonQueryAsync(ct);
                }

                var chunkIds = new List<long>(chunks.Count);
                if (chunks.Count > 0)
                {
                    await using var batch = new NpgsqlBatch(connection);
                    for (var i = 0; i < chunks.Count; i++)
                    {
                        var chunk = chunks[i];
                        var insert = new NpgsqlBatchCommand(
                            """
                            INSERT INTO chunks (article_id, ordinal, start, title, text, text_hash, sentences, embedding)
                            VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id
                            """);
                        insert.Parameters.Add(new NpgsqlParameter { Value = articleId });
                        insert.Parameters.Add(new NpgsqlParameter { Value = chunk.Ordinal });
                        insert.Parameters.Add(new NpgsqlParameter { Value = chunk.Start });
                        insert.Parameters.Add(new NpgsqlParameter { Value = draft.Title });
                        insert.Parameters.Add(new NpgsqlParameter { Value = chunk.Text });
                        insert.Parameters.Add(new NpgsqlParameter { Value = ContentHash.Of(chunk.EmbeddingInput) });
                        insert.Parameters.Add(new NpgsqlParameter { Value = EncodeSpans(chunk.Sentences) });
                        insert.Parameters.Add(new NpgsqlParameter { Value = vectors[i] });
                        batch.BatchCommands.Add(insert);
                    }

                    await using var reader = await batch.ExecuteReaderAsync(ct);
                    do
                    {
                        while (await reader.ReadAsync(ct))
                        {
                            chunkIds.Add(reader.GetInt64(0));
                        }
                    }
                    while (await reader.NextResultAsync(ct));
                }

                await LogChangeAsync(connection, articleId, "saved", now, ct);
                await transaction.CommitAsync(ct);
                return new SavedArticle(
                    new Article(articleId, draft.Source, draft.Title, draft.Url, draft.Author, draft.PublishedAt, now, contentHash, chunks.Count, draft.FeedId),
                    chunkIds);
            },
            cancellationToken);
    }

    public Task<bool> DeleteAsync(long articleId, CancellationToken cancellationToken) =>
        connections.RunAsync(
            async (connection, ct) =>
            {
                await using var transaction = await connection.BeginTransactionAsync(ct);
                await using var delete = new NpgsqlCommand("DELETE FROM articles WHERE id = @id", connection);
                delete.Parameters.AddWithValue("id", articleId);
                var deleted = await delete.ExecuteNonQueryAsync(ct) > 0;
                if (deleted)
                {
                    await LogChangeAsync(connection, articleId, "deleted", timeProvider.GetUtcNow().ToUniversalTime(), ct);
                }

                await transaction.CommitAsync(ct);
                return deleted;
            },
            cancellationToken);

    public Task<string?> GetTextAsync(long articleId, CancellationToken cancellationToken) =>
        connections.RunAsync(
            async (connection, ct) =>
            {
                await using var command = new NpgsqlCommand("SELECT text FROM articles WHERE id = @id", connection);
                command.Parameters.AddWithValue("id", articleId);
                return await command.ExecuteScalarAsync(ct) as string;
            },
            cancellationToken);

    public async Task<IReadOnlyList<Chunk>> GetChunksAsync(IReadOnlyCollection<long> chunkIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chunkIds);
        if (chunkIds.Count == 0)
        {
            return [];
        }

        var ids = chunkIds.ToArray();
        return await connections.RunAsync(
            async (connection, ct) =>
            {
                await using var command = new NpgsqlCommand($"SELECT {ChunkColumns} FROM chunks WHERE id = ANY(@ids)", connection);
                command.Parameters.AddWithValue("ids", ids);
                return await ReadChunksAsync(command, ct);
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<Chunk>> GetArticleChunksAsync(long articleId, CancellationToken cancellationToken) =>
        connections.RunAsync(
            async (connection, ct) =>
            {
                await using var command = new NpgsqlCommand($"SELECT {ChunkColumns} FROM chunks WHERE article_id = @id ORDER BY ordinal", connection);
                command.Parameters.AddWithValue("id", articleId);
                return await ReadChunksAsync(command, ct);
            },
            cancellationToken);

    public async Task<IReadOnlyDictionary<string, float[]>> FindVectorsByTextHashAsync(IReadOnlyCollection<string> textHashes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(textHashes);
        if (textHashes.Count == 0)
        {
            return new Dictionary<string, float[]>(StringComparer.Ordinal);
        }

        var hashes = textHashes.Distinct(StringComparer.Ordinal).ToArray();
        return await connections.RunAsync(
            async (connection, ct) =>
            {
                var found = new Dictionary<string, float[]>(StringComparer.Ordinal);
                await using var command = new NpgsqlCommand("SELECT DISTINCT ON (text_hash) text_hash, embedding FROM chunks WHERE text_hash = ANY(@hashes)", connection);
                command.Parameters.AddWithValue("hashes", hashes);
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    found[reader.GetString(0)] = reader.GetFieldValue<float[]>(1);
                }

                return (IReadOnlyDictionary<string, float[]>)found;
            },
            cancellationToken);
    }

    public async Task<IReadOnlyList<LexicalHit>> SearchLexicalAsync(IReadOnlyList<string> terms, int limit, CancellationToken cancellationToken)
    {
        var words = SearchableTerms(terms);
        if (words.Count == 0)
        {
            return [];
        }

        return await connections.RunAsync(
            async (connection, ct) =>
            {
                await using var command = new NpgsqlCommand();
                command.Connection = connection;
                var query = new StringBuilder();
                for (var i = 0; i < words.Count; i++)
                {
                    var name = "t" + i.ToString(CultureInfo.InvariantCulture);
                    query.Append(i == 0 ? string.Empty : " || ").Append("plainto_tsquery('english'::regconfig, @").Append(name).Append(')');
                    command.Parameters.AddWithValue(name, words[i]);
                }

                command.CommandText = $"""
                    SELECT c.id, c.article_id, ts_rank(c.tsv, q.query) AS score
                    FROM chunks c, (SELECT {query} AS query) q
                    WHERE c.tsv @@ q.query
                    ORDER BY score DESC, c.id
                    LIMIT @limit
                    """;
                command.Parameters.AddWithValue("limit", limit);
                var hits = new List<LexicalHit>();
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    hits.Add(new LexicalHit(reader.GetInt64(0), reader.GetInt64(1), reader.GetFloat(2)));
                }

                return (IReadOnlyList<LexicalHit>)hits;
            },
            cancellationToken);
    }

    public async Task<(IReadOnlyDictionary<string, int> DocumentFrequency, int ChunkCount)> GetTermStatisticsAsync(IReadOnlyCollection<string> terms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var words = SearchableTerms(terms).ToArray();
        return await connections.RunAsync(
            async (connection, ct) =>
            {
                await using var count = new NpgsqlCommand("SELECT count(*) FROM chunks", connection);
                var total = Convert.ToInt32(await count.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
                var frequencies = new Dictionary<string, int>(StringComparer.Ordinal);
                if (words.Length > 0)
                {
                    await using var command = new NpgsqlCommand(
                        """
                        SELECT t.term, (SELECT count(*) FROM chunks c WHERE c.tsv @@ plainto_tsquery('english'::regconfig, t.term))
                        FROM unnest(@terms) AS t(term)
                        """,
                        connection);
                    command.Parameters.AddWithValue("terms", words);
                    await using var reader = await command.ExecuteReaderAsync(ct);
                    while (await reader.ReadAsync(ct))
                    {
                        frequencies[reader.GetString(0)] = (int)reader.GetInt64(1);
                    }
                }

                return ((IReadOnlyDictionary<string, int>)frequencies, total);
            },
            cancellationToken);
    }

    /// <summary>
    /// Streams every vector from one snapshot and records the change-log position of that snapshot in
    /// <see cref="IndexSnapshotSequence"/>, so the change poll continues exactly where the load stopped.
    /// </summary>
    public async IAsyncEnumerable<StoredEmbedding> ReadEmbeddingsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await using (var head = new NpgsqlCommand("SELECT COALESCE(max(seq), 0) FROM article_changes", connection))
        {
            Interlocked.Exchange(ref _indexSnapshotSequence, (long)(await head.ExecuteScalarAsync(cancellationToken))!);
        }

        await using var command = new NpgsqlCommand("SELECT id, article_id, embedding FROM chunks ORDER BY id", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new StoredEmbedding(reader.GetInt64(0), reader.GetInt64(1), reader.GetFieldValue<float[]>(2));
        }
    }

    /// <summary>The vectors of these articles as committed now (none for articles that no longer exist).</summary>
    public Task<IReadOnlyList<StoredEmbedding>> ReadArticleEmbeddingsAsync(IReadOnlyCollection<long> articleIds, CancellationToken cancellationToken)
    {
        var ids = articleIds.ToArray();
        return connections.RunAsync(
            async (connection, ct) =>
            {
                await using var command = new NpgsqlCommand("SELECT id, article_id, embedding FROM chunks WHERE article_id = ANY(@ids) ORDER BY id", connection);
                command.Parameters.AddWithValue("ids", ids);
                var list = new List<StoredEmbedding>();
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    list.Add(new StoredEmbedding(reader.GetInt64(0), reader.GetInt64(1), reader.GetFieldValue<float[]>(2)));
                }

                return (IReadOnlyList<StoredEmbedding>)list;
            },
            cancellationToken);
    }

    /// <summary>The latest change-log position.</summary>
    public Task<long> GetChangeHeadAsync(CancellationToken cancellationToken) =>
        connections.RunAsync(
            async (connection, ct) =>
            {
                await using var command = new NpgsqlCommand("SELECT COALESCE(max(seq), 0) FROM article_changes", connection);
                return (long)(await command.ExecuteScalarAsync(ct))!;
            },
            cancellationToken);

    /// <summary>Changes committed after <paramref name="afterSequence"/>, oldest first.</summary>
    public Task<IReadOnlyList<ArticleChange>> ReadChangesAsync(long afterSequence, int limit, CancellationToken cancellationToken) =>
        connections.RunAsync(
            async (connection, ct) =>
            {
                await using var command = new NpgsqlCommand("SELECT seq, article_id, kind, origin FROM article_changes WHERE seq > @after ORDER BY seq LIMIT @limit", connection);
                command.Parameters.AddWithValue("after", afterSequence);
                command.Parameters.AddWithValue("limit", limit);
                var list = new List<ArticleChange>();
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    list.Add(new ArticleChange(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2) == "deleted", reader.GetGuid(3)));
                }

                return (IReadOnlyList<ArticleChange>)list;
            },
            cancellationToken);

    /// <summary>Words worth a query: with a letter or digit, each once.</summary>
    internal static List<string> SearchableTerms(IEnumerable<string> terms) =>
        terms.Where(t => t.Any(char.IsLetterOrDigit)).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Sentence spans flattened as start, length, start, length, …</summary>
    internal static int[] EncodeSpans(IReadOnlyList<TextSpan> spans)
    {
        var flat = new int[spans.Count * 2];
        for (var i = 0; i < spans.Count; i++)
        {
            flat[2 * i] = spans[i].Start;
            flat[(2 * i) + 1] = spans[i].Length;
        }

        return flat;
    }

    internal static TextSpan[] DecodeSpans(int[] flat)
    {
        var spans = new TextSpan[flat.Length / 2];
        for (var i = 0; i < spans.Length; i++)
        {
            spans[i] = new TextSpan(flat[2 * i], flat[(2 * i) + 1]);
        }

        return spans;
    }

    private static DateTimeOffset TruncateToMicroseconds(DateTimeOffset value) =>
        value.AddTicks(-(value.Ticks % (TimeSpan.TicksPerMillisecond / 1000)));

    /// <summary>Appends to the change log while holding the change lock to commit, so sequence order is commit order.</summary>
    private async Task LogChangeAsync(NpgsqlConnection connection, long articleId, string kind, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({PostgresSchema.ChangeLockKey})", cancellationToken);
        await using var command = new NpgsqlCommand("INSERT INTO article_changes (article_id, kind, origin, changed_at) VALUES (@article, @kind, @origin, @at)", connection);
        command.Parameters.AddWithValue("article", articleId);
        command.Parameters.AddWithValue("kind", kind);
        command.Parameters.AddWithValue("origin", InstanceId);
        command.Parameters.AddWithValue("at", at);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private Task<IReadOnlyList<Article>> QueryArticlesAsync(string where, object? parameter, CancellationToken cancellationToken) =>
        connections.RunAsync(
            async (connection, ct) =>
            {
                await using var command = new NpgsqlCommand($"SELECT {ArticleColumns} FROM articles {where}", connection);
                if (parameter is not null)
                {
                    command.Parameters.AddWithValue("p", parameter);
                }

                var list = new List<Article>();
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    list.Add(new Article(
                        reader.GetInt64(0),
                        reader.GetString(1),
                        reader.GetString(2),
                        reader.IsDBNull(3) ? null : reader.GetString(3),
                        reader.IsDBNull(4) ? null : reader.GetString(4),
                        reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
                        reader.GetFieldValue<DateTimeOffset>(6),
                        reader.GetString(7),
                        reader.GetInt32(8),
                        reader.IsDBNull(9) ? null : reader.GetInt64(9)));
                }

                return (IReadOnlyList<Article>)list;
            },
            cancellationToken);

    private static async Task<IReadOnlyList<Chunk>> ReadChunksAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var list = new List<Chunk>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new Chunk(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt32(2), reader.GetString(3), reader.GetInt32(4), DecodeSpans(reader.GetFieldValue<int[]>(5))));
        }

        return list;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
