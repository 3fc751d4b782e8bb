using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using ChatBot.Retrieval.Storage.Articles;
using ChatBot.Retrieval.Storage.Sql;
using Microsoft.Extensions.Options;
using NpgsqlTypes;

namespace ChatBot.Retrieval.Search.Lexical;

/// <summary>
/// BM25 for the PostgreSQL store from <see cref="LexicalIndex"/> instead of <c>ts_rank</c> over every matching row,
/// over <see cref="LexicalSearch"/>. Its tokens are PostgreSQL's own: each chunk's stored <c>tsv</c> (title lexemes
/// weighted B count as the title column, text lexemes weighted A as the text column), read in one pass at load, from
/// <c>RETURNING tsv</c> after this process's saves, and re-read for the articles other replicas changed (the change
/// poll, <see cref="ReloadArticlesAsync"/>); a query term's lexemes come from <c>to_tsvector('english', term)</c>
/// (cached). The score is the same BM25 SQLite's index computes (k1 1.2, b 0.75, title weight 0.5, idf over every
/// library) over those lexemes: <see cref="Bm25Sql"/> computes it in SQL over the same tsvectors, and the tests hold
/// the two equal.
/// </summary>
public sealed class PostgresLexicalSearch(PostgresConnectionFactory connections, IOptions<SearchOptions> options) : LexicalSearch(options)
{
    private const int MaxCachedTerms = 100_000;

    private const string Lexemes = """
        SELECT t.term, coalesce((SELECT array_agg(x.lexeme ORDER BY x.positions[1], x.lexeme) FROM unnest(to_tsvector('english'::regconfig, t.term)) x), '{}')
        FROM unnest(@terms) AS t(term)
        """;

    private const string Rows = "SELECT id, article_id, library, tsv FROM chunks";

    private readonly ConcurrentDictionary<string, string[]> _lexemes = new(StringComparer.Ordinal);

    /// <summary>
    /// BM25 of every row of library @library holding one of the lexemes @lexemes (one query phrase each, in order),
    /// computed in SQL over the stored tsvectors with the index's definition: best first, equal scores by chunk id.
    /// Slow (it reads every row's tsvector): the reference the in-memory index is tested against.
    /// </summary>
    public const string Bm25Sql = """
        WITH docs AS (
            SELECT c.id, c.article_id, c.library, c.tsv,
                   (SELECT coalesce(sum(coalesce(array_length(u.positions, 1), 0)), 0) FROM unnest(c.tsv) u)::float8 AS len
            FROM chunks c),
        totals AS (SELECT count(*)::float8 AS n, avg(len) AS avgdl FROM docs),
        phrases AS (SELECT p.lexeme, p.ord FROM unnest(@lexemes::text[]) WITH ORDINALITY AS p(lexeme, ord)),
        idf AS (
            SELECT p.lexeme, p.ord, ln((t.n - h.hits + 0.5) / (h.hits + 0.5)) AS idf
            FROM phrases p CROSS JOIN totals t
            CROSS JOIN LATERAL (SELECT count(*)::float8 AS hits FROM docs d WHERE p.lexeme = ANY (tsvector_to_array(d.tsv))) h),
        freqs AS (
            SELECT d.id, d.article_id, d.len, i.ord, CASE WHEN i.idf <= 0 THEN 1e-6 ELSE i.idf END AS idf,
                   (SELECT sum(CASE WHEN w = 'B' THEN 0.5 ELSE 1.0 END) FROM unnest(u.weights) w)::float8 AS f
            FROM docs d CROSS JOIN LATERAL unnest(d.tsv) u JOIN idf i ON i.lexeme = u.lexeme
            WHERE d.library = @library)
        SELECT f.id, f.article_id, sum(f.idf * (f.f * 2.2) / (f.f + 1.2 * (0.25 + 0.75 * f.len / t.avgdl))) AS score
        FROM freqs f CROSS JOIN totals t
        GROUP BY f.id, f.article_id
        ORDER BY score DESC, f.id
        LIMIT @limit
        """;

    /// <summary>
    /// The reference ranking: the query terms' lexemes, then <see cref="Bm25Sql"/> in SQL over the stored tsvectors (what
    /// the index must equal; slow, it reads every row, so for tests and the bench only).
    /// </summary>
    public async Task<IReadOnlyList<LexicalHit>> SearchInSqlAsync(string library, IReadOnlyList<string> terms, int limit, CancellationToken cancellationToken)
    {
        var lexemes = new List<string>();
        foreach (var tokens in await QueryTokensAsync(ArticleStore.SearchableTerms(terms), cancellationToken))
        {
            lexemes.AddRange(tokens ?? []);
        }

        return await connections.QueryAsync(
            Bm25Sql, [("lexemes", lexemes.ToArray()), ("library", library), ("limit", limit)], r => new LexicalHit(r.GetInt64(0), r.GetInt64(1), r.GetDouble(2)), cancellationToken);
    }

    /// <summary>The current rows of these articles (none for an article that no longer exists) replace the index's, as another replica changed them.</summary>
    public async Task ReloadArticlesAsync(IReadOnlyCollection<long> articleIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(articleIds);
        if (!Enabled || articleIds.Count == 0)
        {
            return;
        }

        var rows = await connections.QueryAsync(Rows + " WHERE article_id = ANY(@ids) ORDER BY id", [("ids", articleIds.ToArray())], Row, cancellationToken);
        await ReplaceArticlesAsync(articleIds, rows);
    }

    /// <summary>One chunk's row as the index takes it: every position of every lexeme, weight B the title column, else the text.</summary>
    public static LexicalRow Row(long chunkId, long articleId, string library, NpgsqlTsVector tsv)
    {
        ArgumentNullException.ThrowIfNull(tsv);
        var tokens = new List<(string, int)>();
        foreach (var lexeme in tsv)
        {
            for (var i = 0; i < lexeme.Count; i++)
            {
                tokens.Add((lexeme.Text, lexeme[i].Weight == NpgsqlTsVector.Lexeme.Weight.B ? 0 : 1));
            }
        }

        return new LexicalRow(chunkId, articleId, library, tokens);
    }

    protected override async ValueTask<IReadOnlyList<IReadOnlyList<string>?>> QueryTokensAsync(IReadOnlyList<string> terms, CancellationToken cancellationToken)
    {
        var missing = terms.Where(t => !_lexemes.ContainsKey(t)).Distinct(StringComparer.Ordinal).ToArray();
        if (missing.Length > 0)
        {
            var read = await connections.QueryAsync(Lexemes, [("terms", missing)], r => (Term: r.GetString(0), Lexemes: r.GetFieldValue<string[]>(1)), cancellationToken);
            if (_lexemes.Count + read.Count > MaxCachedTerms)
            {
                _lexemes.Clear();
            }

            foreach (var (term, lexemes) in read)
            {
                _lexemes[term] = lexemes;
            }
        }

        // A term dropped by a concurrent clear of the cache is left to the store's search this time.
        return terms.Select(t => _lexemes.TryGetValue(t, out var lexemes) ? (IReadOnlyList<string>?)lexemes : null).ToList();
    }

    protected override Task LoadCoreAsync(CancellationToken cancellationToken) =>
        connections.RunAsync(
            async (connection, ct) =>
            {
                Index.Clear();
                await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
                await using var command = connection.Command(Rows + " ORDER BY id", [], transaction);
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    var row = Row(reader);
                    Index.Add(row.ChunkId, row.ArticleId, row.Library, row.Tokens);
                }

                return true;
            },
            cancellationToken);

    private static LexicalRow Row(DbDataReader reader) =>
        Row(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetFieldValue<NpgsqlTsVector>(3));
}
