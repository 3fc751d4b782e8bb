using System.Diagnostics.CodeAnalysis;
using ChatBot.IntegrationTests.Retrieval.Storage.Sql;
using ChatBot.Retrieval.Search;
using ChatBot.Retrieval.Search.Lexical;
using ChatBot.Retrieval.Storage.Articles;
using ChatBot.Retrieval.Storage.Sql;
using Microsoft.Extensions.Options;

namespace ChatBot.IntegrationTests.Retrieval.Search.Lexical;

/// <summary>
/// The equivalence the PostgreSQL store's in-memory BM25 (<see cref="PostgresLexicalSearch"/>) holds, on a real
/// PostgreSQL with the real fixture text (SQuAD passages in one library, SciFact abstracts in another): for every
/// question and claim its top 50 are the rows, order and scores of the same BM25 computed in SQL over the same stored
/// tsvectors (<see cref="PostgresLexicalSearch.Bm25Sql"/>, with the query lexemes <c>to_tsvector('english', term)</c>
/// makes) — after a load from the tsvectors, and after saves, replacements and deletes applied to a loaded index; and
/// the answerer's term statistics counted from the index equal PostgreSQL's own count of matching rows per term.
/// </summary>
[Collection(PostgresCollection.Name)]
[SuppressMessage("Design", "CA1001", Justification = "Disposed in IAsyncLifetime.DisposeAsync.")]
public sealed class PostgresLexicalIndexTests : IAsyncLifetime
{
    private const int Limit = LexicalFixtures.Limit;
    private TestDatabase _database = null!;
    private PostgresConnectionFactory _connections = null!;
    private PostgresArticleStore _plain = null!;
    private PostgresLexicalSearch _lexical = null!;
    private PostgresArticleStore _store = null!;
    private PostgresLexicalSearch _plainLexical = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(SqlDialect.Postgres);
        await _database.MigrateAsync(TimeProvider.System);
        _connections = (PostgresConnectionFactory)_database.Open();
        _plain = new PostgresArticleStore(_connections, TimeProvider.System);
        _lexical = Lexical(_connections);
        _store = new PostgresArticleStore(_connections, TimeProvider.System, _lexical);
        _plainLexical = Lexical(_connections); // never loaded: only its reference ranking in SQL is used
    }

    public async Task DisposeAsync()
    {
        _lexical.Dispose();
        _plainLexical.Dispose();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Search_LoadedFromTsvectors_SameTopFiftyAndScoresAsBm25InSqlForEveryQuery()
    {
        var corpus = await LexicalFixtures.SaveCorpusAsync(_plain);
        Assert.Null(await _lexical.TrySearchAsync("local", ["river"], Limit, CancellationToken.None)); // not loaded yet: ts_rank answers, a load starts
        await _lexical.EnsureLoadedAsync(CancellationToken.None);

        await AssertSameAsSqlAsync(_store);
        Assert.Equal(LexicalFixtures.Queries.Count, _lexical.Answered); // every query came from the in-memory index
        Assert.Equal(corpus, _lexical.Index.Rows);
    }

    [Fact]
    public async Task Search_AfterSavesReplacementsAndDeletesOnALoadedIndex_StillSameAsBm25InSql()
    {
        var saved = await LexicalFixtures.SaveFirstHalfAsync(_store);
        await _lexical.EnsureLoadedAsync(CancellationToken.None); // half the corpus
        await AssertSameAsSqlAsync(_store);

        await LexicalFixtures.ChurnAsync(_store, saved);
        await AssertSameAsSqlAsync(_store);

        using var reloaded = Lexical(_connections);
        await reloaded.EnsureLoadedAsync(CancellationToken.None);
        await AssertSameAsSqlAsync(new PostgresArticleStore(_connections, TimeProvider.System, reloaded));
        Assert.Equal(_lexical.Index.Rows, reloaded.Index.Rows);
        Assert.Equal(await _plain.CountChunksAsync(CancellationToken.None), _lexical.Index.Rows);
        Assert.Equal(2 * LexicalFixtures.Queries.Count, _lexical.Answered);
    }

    private static PostgresLexicalSearch Lexical(PostgresConnectionFactory connections) =>
        new(connections, Options.Create(new SearchOptions { InMemoryLexical = true }));

    private async Task AssertSameAsSqlAsync(IArticleStore store)
    {
        var compared = 0;
        foreach (var (library, terms) in LexicalFixtures.Queries)
        {
            var expected = await _plainLexical.SearchInSqlAsync(library, terms, Limit, CancellationToken.None);
            var actual = await store.SearchLexicalAsync(library, terms, Limit, CancellationToken.None);
            AssertSameRanking(expected, actual);
            compared += expected.Count;
        }

        Assert.True(compared > LexicalFixtures.Queries.Count * 10, $"only {compared} hits compared");
        await AssertSameTermStatisticsAsync(store);
    }

    /// <summary>
    /// Same length and, position by position, the same score (1e-9: SQL sums the phrases in its own order); the same
    /// row wherever the scores are not tied, and within a run of tied scores the same rows (the SQL's order there may
    /// differ in the last bit).
    /// </summary>
    private static void AssertSameRanking(IReadOnlyList<LexicalHit> expected, IReadOnlyList<LexicalHit> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        Assert.All(expected.Zip(actual), pair => Assert.Equal(pair.First.Score, pair.Second.Score, 1e-9));
        for (var i = 0; i < expected.Count; i++)
        {
            if (expected[i].ChunkId == actual[i].ChunkId)
            {
                Assert.Equal(expected[i].ArticleId, actual[i].ArticleId);
                continue;
            }

            var tied = expected.Where(h => Math.Abs(h.Score - expected[i].Score) <= 1e-9).Select(h => h.ChunkId).ToList();
            var tiedAtLimit = expected.Count == Limit && Math.Abs(expected[^1].Score - expected[i].Score) <= 1e-9;
            Assert.True(tied.Contains(actual[i].ChunkId) || tiedAtLimit, $"row {i}: {actual[i].ChunkId} where SQL has {expected[i].ChunkId}");
        }
    }

    /// <summary>PostgreSQL's own term statistics (a count of the rows matching <c>plainto_tsquery</c> per term) equal the index's.</summary>
    private async Task AssertSameTermStatisticsAsync(IArticleStore store)
    {
        var counted = new PostgresArticleStore(_connections, TimeProvider.System); // no index: every figure counted in SQL
        var fromIndex = 0;
        foreach (var (library, terms) in LexicalFixtures.Queries)
        {
            var (expected, expectedCount) = await counted.GetTermStatisticsAsync(library, terms, CancellationToken.None);
            var (actual, actualCount) = await store.GetTermStatisticsAsync(library, terms, CancellationToken.None);
            Assert.Equal(expectedCount, actualCount);
            Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), actual.OrderBy(p => p.Key, StringComparer.Ordinal));
            fromIndex += await _lexical.TryTermStatisticsAsync(library, [.. expected.Keys], CancellationToken.None) is not null ? 1 : 0;
        }

        Assert.True(fromIndex > LexicalFixtures.Queries.Count * 9 / 10, $"only {fromIndex} of {LexicalFixtures.Queries.Count} queries counted from the index");
    }
}
