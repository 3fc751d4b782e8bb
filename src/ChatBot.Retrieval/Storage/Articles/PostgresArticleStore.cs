using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using ChatBot.Core.Model;
using ChatBot.Retrieval.Index;
using ChatBot.Retrieval.Ingestion;
using ChatBot.Retrieval.Ingestion.Chunking;
using ChatBot.Retrieval.Search.Lexical;
using ChatBot.Retrieval.Storage.Sql;
using Npgsql;

namespace ChatBot.Retrieval.Storage.Articles;

/// <summary>
/// The article store on PostgreSQL, shared by every replica: rows, chunks with their vectors (<c>real[]</c>),
/// a stored <c>tsvector</c> with a GIN index, and a change log that the other replicas poll to keep their in-memory
/// vector and BM25 indexes (and term statistics) current. With <paramref name="lexical"/>, lexical search and term
/// statistics come from its in-memory BM25 index over the stored tsvectors, which follows every committed save and
/// delete; without it (or until it is loaded) <c>ts_rank</c> over the GIN index ranks.
/// </summary>
public sealed class PostgresArticleStore(PostgresConnectionFactory connections, TimeProvider timeProvider, PostgresLexicalSearch? lexical = null) : ArticleStore(connections, lexical)
{
    private long _indexSnapshotSequence = -1;

    /// <summary>This process's id in the change log: the change poll skips what it wrote itself.</summary>
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

    protected override async Task<IReadOnlyList<LexicalHit>> SearchFullTextAsync(string library, IReadOnlyList<string> words, int limit, CancellationToken cancellationToken)
    {
        var query = new StringBuilder();
        var arguments = new List<SqlArgument> { ("limit", limit), ("library", library) };
        for (var i = 0; i < words.Count; i++)
        {
            var name = "t" + i.ToString(CultureInfo.InvariantCulture);
            query.Append(i == 0 ? string.Empty : " || ").Append("plainto_tsquery('english'::regconfig, @").Append(name).Append(')');
            arguments.Add((name, words[i]));
        }

        return await Database.QueryAsync(
            PostgresArticleSql.Lexical.Replace("{0}", query.ToString(), StringComparison.Ordinal),
            arguments,
            reader => new LexicalHit(reader.GetInt64(0), reader.GetInt64(1), reader.GetFloat(2)),
            cancellationToken);
    }

    /// <summary>
    /// Streams every vector from one snapshot and records the change-log position of that snapshot in
    /// <see cref="IndexSnapshotSequence"/>, so the change poll continues exactly where the load stopped.
    /// </summary>
    public override async IAsyncEnumerable<StoredEmbedding> ReadEmbeddingsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var head = (long)(await connection.ScalarAsync(PostgresArticleSql.ChangeHead, [], transaction, cancellationToken))!;
        Interlocked.Exchange(ref _indexSnapshotSequence, head);
        await using var command = connection.Command(PostgresArticleSql.Embeddings, [], transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return ReadEmbedding(reader);
        }
    }

    /// <summary>The vectors of these articles as committed now (none for articles that no longer exist).</summary>
    public Task<IReadOnlyList<StoredEmbedding>> ReadArticleEmbeddingsAsync(IReadOnlyCollection<long> articleIds, CancellationToken cancellationToken) =>
        Database.QueryAsync(PostgresArticleSql.ArticleEmbeddings, [("ids", articleIds.ToArray())], ReadEmbedding, cancellationToken);

    /// <summary>The latest change-log position.</summary>
    public async Task<long> GetChangeHeadAsync(CancellationToken cancellationToken) =>
        (long)(await Database.ScalarAsync(PostgresArticleSql.ChangeHead, [], cancellationToken))!;

    /// <summary>
    /// Changes committed after <paramref name="afterSequence"/>, oldest first. Another replica's change also drops the
    /// cached term statistics, so they are as current as the vector index the poll keeps.
    /// </summary>
    public async Task<IReadOnlyList<ArticleChange>> ReadChangesAsync(long afterSequence, int limit, CancellationToken cancellationToken)
    {
        var changes = await Database.QueryAsync(
            PostgresArticleSql.Changes,
            [("after", afterSequence), ("limit", limit)],
            reader => new ArticleChange(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2) == "deleted", reader.GetGuid(3)),
            cancellationToken);
        if (changes.Any(c => c.Origin != InstanceId))
        {
            InvalidateTermStatistics();
        }

        return changes;
    }

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

    protected override async Task<SavedArticle> SaveCoreAsync(ArticleDraft draft, string contentHash, IReadOnlyList<ChunkDraft> chunks, IReadOnlyList<float[]> vectors, CancellationToken cancellationToken)
    {
        // timestamptz keeps microseconds: what is returned must equal what is read back.
        var now = TruncateToMicroseconds(timeProvider.GetUtcNow().ToUniversalTime());
        var (saved, rows) = await Database.InTransactionAsync(
            async (connection, transaction, ct) =>
            {
                // The upsert locks the article row first, so a concurrent save of the same source waits here
                // and then replaces the chunks the other one committed.
                var articleId = (long)(await connection.ScalarAsync(Upsert, ArticleArguments(draft, contentHash, chunks.Count, now), transaction, ct))!;
                await connection.ExecuteAsync(PostgresArticleSql.DeleteChunks, [("article", articleId)], transaction, ct);
                var rows = chunks.Count == 0 ? [] : await InsertChunksAsync((NpgsqlConnection)connection, articleId, draft.Library, draft.Title, chunks, vectors, ct);
                await LogChangeAsync(connection, transaction, articleId, "saved", now, ct);
                return (Saved(draft, articleId, contentHash, chunks.Count, now, rows.Select(r => r.ChunkId).ToList()), rows);
            },
            cancellationToken);
        if (lexical is not null)
        {
            await lexical.ReplaceArticlesAsync([saved.Article.Id], rows);
        }

        return saved;
    }

    protected override Task<bool> DeleteCoreAsync(long articleId, CancellationToken cancellationToken) =>
        Database.InTransactionAsync(
            async (connection, transaction, ct) =>
            {
                var deleted = await connection.ExecuteAsync(PostgresArticleSql.DeleteArticle, [("id", articleId)], transaction, ct) > 0;
                if (deleted)
                {
                    await LogChangeAsync(connection, transaction, articleId, "deleted", timeProvider.GetUtcNow(), ct);
                }

                return deleted;
            },
            cancellationToken);

    protected override async Task<Dictionary<string, int>> CountTermsAsync(DbConnection connection, string library, IReadOnlyList<string> terms, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync(
            PostgresArticleSql.CountTerms, [("terms", terms.ToArray()), ("library", library)], reader => (Term: reader.GetString(0), Count: (int)reader.GetInt64(1)), null, cancellationToken);
        return rows.ToDictionary(r => r.Term, r => r.Count, StringComparer.Ordinal);
    }

    protected override float[] ReadVector(DbDataReader reader, int ordinal) => reader.GetFieldValue<float[]>(ordinal);

    protected override IReadOnlyList<TextSpan> ReadSpans(DbDataReader reader, int ordinal) => DecodeSpans(reader.GetFieldValue<int[]>(ordinal));

    private static DateTimeOffset TruncateToMicroseconds(DateTimeOffset value) =>
        value.AddTicks(-(value.Ticks % (TimeSpan.TicksPerMillisecond / 1000)));

    /// <summary>All chunks in one round trip (a batch of inserts, each returning its id and its full-text row).</summary>
    private static async Task<List<LexicalRow>> InsertChunksAsync(
        NpgsqlConnection connection, long articleId, string library, string title, IReadOnlyList<ChunkDraft> chunks, IReadOnlyList<float[]> vectors, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection);
        for (var i = 0; i < chunks.Count; i++)
        {
            var chunk = chunks[i];
            var insert = new NpgsqlBatchCommand(PostgresArticleSql.InsertChunk);
            insert.Parameters.Add(new NpgsqlParameter { Value = articleId });
            insert.Parameters.Add(new NpgsqlParameter { Value = chunk.Ordinal });
            insert.Parameters.Add(new NpgsqlParameter { Value = chunk.Start });
            insert.Parameters.Add(new NpgsqlParameter { Value = title });
            insert.Parameters.Add(new NpgsqlParameter { Value = chunk.Text });
            insert.Parameters.Add(new NpgsqlParameter { Value = ContentHash.Of(chunk.EmbeddingInput) });
            insert.Parameters.Add(new NpgsqlParameter { Value = EncodeSpans(chunk.Sentences) });
            insert.Parameters.Add(new NpgsqlParameter { Value = vectors[i] });
            insert.Parameters.Add(new NpgsqlParameter { Value = (object?)chunk.SentenceVectors ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bytea });
            batch.BatchCommands.Add(insert);
        }

        var rows = new List<LexicalRow>(chunks.Count);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        do
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(PostgresLexicalSearch.Row(reader.GetInt64(0), articleId, library, reader.GetFieldValue<NpgsqlTypes.NpgsqlTsVector>(1)));
            }
        }
        while (await reader.NextResultAsync(cancellationToken));
        return rows;
    }

    /// <summary>Appends to the change log while holding the change lock to commit, so sequence order is commit order.</summary>
    private async Task LogChangeAsync(DbConnection connection, DbTransaction transaction, long articleId, string kind, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(PostgresArticleSql.LockChanges, [("key", PostgresArticleSql.ChangeLockKey)], transaction, cancellationToken);
        await connection.ExecuteAsync(
            PostgresArticleSql.LogChange, [("article", articleId), ("kind", kind), ("origin", InstanceId), ("at", Database.Time(at))], transaction, cancellationToken);
    }
}
