using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using ChatBot.Core.Model;
using ChatBot.Retrieval.Ingestion;
using ChatBot.Retrieval.Ingestion.Chunking;
using ChatBot.Retrieval.Search.Lexical;
using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.Retrieval.Storage.Articles;

/// <summary>
/// The article store on one SQLite file: rows, chunks with their vectors (BLOB), and FTS5 for BM25. One process owns a
/// SQLite file (scale-out uses PostgreSQL), so the in-process term-statistics version is enough. With
/// <paramref name="lexical"/>, BM25 comes from its in-memory index (equal to FTS5's), which follows every committed save and delete.
/// </summary>
public sealed class SqliteArticleStore(SqliteConnectionFactory connections, TimeProvider timeProvider, SqliteLexicalSearch? lexical = null) : ArticleStore(connections, lexical)
{
    /// <summary>Writes the in-memory BM25 index's cold-start snapshot (<see cref="SqliteLexicalSearch.SaveSnapshotAsync"/>); false without one.</summary>
    public async Task<bool> SaveLexicalSnapshotAsync(CancellationToken cancellationToken) =>
        lexical is not null && await lexical.SaveSnapshotAsync(cancellationToken);

    public override async IAsyncEnumerable<StoredEmbedding> ReadEmbeddingsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.Command(SqliteArticleSql.Embeddings, []);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return ReadEmbedding(reader);
        }
    }

    /// <summary>An FTS5 query that ORs the terms, each quoted so no user text is read as FTS syntax.</summary>
    internal static string FtsQuery(IEnumerable<string> terms) =>
        string.Join(" OR ", terms.Where(t => t.Any(char.IsLetterOrDigit)).Distinct().Select(t => "\"" + t.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));

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

    protected override async Task<SavedArticle> SaveCoreAsync(ArticleDraft draft, string contentHash, IReadOnlyList<ChunkDraft> chunks, IReadOnlyList<float[]> vectors, CancellationToken cancellationToken)
    {
        var saved = await SaveRowsAsync(draft, contentHash, chunks, vectors, cancellationToken);
        if (lexical is not null)
        {
            await lexical.ReplaceArticleAsync(saved.Article.Id, draft.Library, draft.Title, saved.ChunkIds.Select((id, i) => (id, chunks[i].Text)).ToList());
        }

        return saved;
    }

    protected override Task<IReadOnlyList<LexicalHit>> SearchFullTextAsync(string library, IReadOnlyList<string> words, int limit, CancellationToken cancellationToken) =>
        Database.QueryAsync(
            SqliteArticleSql.Lexical, [("query", FtsQuery(words)), ("limit", limit), ("library", library)], reader => new LexicalHit(reader.GetInt64(0), reader.GetInt64(1), reader.GetDouble(2)), cancellationToken);

    protected override Task<bool> DeleteCoreAsync(long articleId, CancellationToken cancellationToken) =>
        Database.InTransactionAsync(
            async (connection, transaction, ct) =>
            {
                await DeleteChunksAsync(connection, transaction, articleId, ct);
                return await connection.ExecuteAsync("DELETE FROM articles WHERE id = @id", [("id", articleId)], transaction, ct) > 0;
            },
            cancellationToken);

    private Task<SavedArticle> SaveRowsAsync(ArticleDraft draft, string contentHash, IReadOnlyList<ChunkDraft> chunks, IReadOnlyList<float[]> vectors, CancellationToken cancellationToken) =>
        Database.InTransactionAsync(
            async (connection, transaction, ct) =>
            {
                var now = timeProvider.GetUtcNow();
                var existing = await connection.ScalarAsync("SELECT id FROM articles WHERE library = @library AND source = @source", [("library", draft.Library), ("source", draft.Source)], transaction, ct);
                if (existing is long oldId)
                {
                    await DeleteChunksAsync(connection, transaction, oldId, ct);
                }

                var articleId = (long)(await connection.ScalarAsync(Upsert, ArticleArguments(draft, contentHash, chunks.Count, now), transaction, ct))!;
                var chunkIds = new List<long>(chunks.Count);
                for (var i = 0; i < chunks.Count; i++)
                {
                    var chunk = chunks[i];
                    var chunkId = (long)(await connection.ScalarAsync(
                        SqliteArticleSql.InsertChunk,
                        [
                            ("article", articleId), ("ordinal", chunk.Ordinal), ("start", chunk.Start), ("text", chunk.Text),
                            ("hash", ContentHash.Of(chunk.EmbeddingInput)), ("sentences", EncodeSpans(chunk.Sentences)),
                            ("embedding", MemoryMarshal.AsBytes(vectors[i].AsSpan()).ToArray()), ("sentence_vectors", chunk.SentenceVectors),
                        ],
                        transaction,
                        ct))!;
                    chunkIds.Add(chunkId);
                    await connection.ExecuteAsync(SqliteArticleSql.InsertFts, [("id", chunkId), ("title", draft.Title), ("text", chunk.Text)], transaction, ct);
                }

                return Saved(draft, articleId, contentHash, chunks.Count, now, chunkIds);
            },
            cancellationToken);

    protected override async Task<Dictionary<string, int>> CountTermsAsync(DbConnection connection, string library, IReadOnlyList<string> terms, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var term in terms)
        {
            // FTS5 counts one MATCH at a time; the figures are cached, so this runs once per term and index version.
            counts[term] = Convert.ToInt32(await connection.ScalarAsync(SqliteArticleSql.CountTerm, [("query", FtsQuery([term])), ("library", library)], null, cancellationToken), CultureInfo.InvariantCulture);
        }

        return counts;
    }

    protected override float[] ReadVector(DbDataReader reader, int ordinal) =>
        MemoryMarshal.Cast<byte, float>((byte[])reader.GetValue(ordinal)).ToArray();

    protected override IReadOnlyList<TextSpan> ReadSpans(DbDataReader reader, int ordinal) => DecodeSpans(reader.GetString(ordinal));

    private static async Task DeleteChunksAsync(DbConnection connection, DbTransaction transaction, long articleId, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(SqliteArticleSql.DeleteFts, [("article", articleId)], transaction, cancellationToken);
        await connection.ExecuteAsync(SqliteArticleSql.DeleteChunks, [("article", articleId)], transaction, cancellationToken);
    }
}
