using System.Text.Json;
using ChatBot.IntegrationTests.Retrieval.Storage.Sql;
using ChatBot.Retrieval.Ingestion.Chunking;
using ChatBot.Retrieval.Search;
using ChatBot.Retrieval.Search.Lexical;
using ChatBot.Retrieval.Storage;
using ChatBot.Retrieval.Storage.Articles;
using ChatBot.Retrieval.Storage.Sql;
using Microsoft.Extensions.Options;

namespace ChatBot.IntegrationTests.Retrieval.Search.Lexical;

/// <summary>
/// The in-memory BM25 (<see cref="SqliteLexicalSearch"/>) against FTS5's own <c>bm25()</c> on one real SQLite file
/// holding real text (SQuAD passages in one library, SciFact abstracts in another; Fixtures/README.md): for real
/// questions and claims the top 50 are the same chunks in the same order with the same scores, after a load from
/// <c>fts5vocab</c> and after saves, replacements and deletes applied to a loaded index; and the answerer's term
/// statistics counted from the index equal FTS5's counts.
/// </summary>
public sealed class LexicalIndexEqualsFts5Tests : IAsyncLifetime
{
    private const int Limit = LexicalFixtures.Limit;

    private TestDatabase _database = null!;
    private SqliteConnectionFactory _connections = null!;
    private SqliteArticleStore _fts = null!;
    private SqliteLexicalSearch _lexical = null!;
    private SqliteArticleStore _store = null!;
    private IReadOnlyList<(string Library, IReadOnlyList<string> Terms)> _queries = [];

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(SqlDialect.Sqlite);
        await _database.MigrateAsync(TimeProvider.System);
        _connections = (SqliteConnectionFactory)_database.Open();
        _fts = new SqliteArticleStore(_connections, TimeProvider.System);
        _lexical = Lexical(_connections);
        _store = new SqliteArticleStore(_connections, TimeProvider.System, _lexical);
        _queries = LexicalFixtures.Queries;
    }

    public async Task DisposeAsync()
    {
        _lexical.Dispose();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Search_LoadedFromFts5_SameTopFiftyAndScoresAsBm25ForEveryQuery()
    {
        var corpus = await LexicalFixtures.SaveCorpusAsync(_fts);
        Assert.Null(await _lexical.TrySearchAsync("local", ["river"], Limit, CancellationToken.None)); // not loaded yet: FTS5 answers, a load starts
        await _lexical.EnsureLoadedAsync(CancellationToken.None);

        await AssertSameAsFts5Async(_store);
        Assert.Equal(_queries.Count, _lexical.Answered); // every query came from the in-memory index, none fell back to FTS5
        Assert.True(_lexical.Index.Rows == corpus, $"rows {_lexical.Index.Rows} vs {corpus}");
        var (postings, bytes) = _lexical.Index.Size;
        Assert.InRange(bytes / (double)postings, 1.0, 4.0);
    }

    [Fact]
    public async Task Search_AfterSavesReplacementsAndDeletesOnALoadedIndex_StillSameAsBm25()
    {
        var saved = await LexicalFixtures.SaveFirstHalfAsync(_store);
        await _lexical.EnsureLoadedAsync(CancellationToken.None); // half the corpus
        await AssertSameAsFts5Async(_store);

        await LexicalFixtures.ChurnAsync(_store, saved);
        await AssertSameAsFts5Async(_store);

        using var reloaded = Lexical(_connections);
        await reloaded.EnsureLoadedAsync(CancellationToken.None);
        await AssertSameAsFts5Async(new SqliteArticleStore(_connections, TimeProvider.System, reloaded));
        Assert.Equal(_lexical.Index.Rows, reloaded.Index.Rows);
        Assert.Equal(2 * _queries.Count, _lexical.Answered);
        Assert.Equal(_queries.Count, reloaded.Answered);
    }

    private static SqliteLexicalSearch Lexical(SqliteConnectionFactory connections) =>
        new(connections, Options.Create(new SearchOptions { InMemoryLexical = true }));

    private async Task AssertSameAsFts5Async(IArticleStore store)
    {
        var compared = 0;
        foreach (var (library, terms) in _queries)
        {
            var expected = await _fts.SearchLexicalAsync(library, terms, Limit, CancellationToken.None);
            var actual = await store.SearchLexicalAsync(library, terms, Limit, CancellationToken.None);
            Assert.Equal(expected.Select(h => (h.ChunkId, h.ArticleId)), actual.Select(h => (h.ChunkId, h.ArticleId)));
            Assert.All(expected.Zip(actual), pair => Assert.Equal(pair.First.Score, pair.Second.Score, 1e-9));
            compared += expected.Count;
        }

        Assert.True(compared > _queries.Count * 10, $"only {compared} hits compared");
        await AssertSameTermStatisticsAsync(store);
    }

    /// <summary>The answerer's term statistics (chunk count and document frequencies per library) equal FTS5's counts.</summary>
    private async Task AssertSameTermStatisticsAsync(IArticleStore store)
    {
        var fts = new SqliteArticleStore(_connections, TimeProvider.System); // an empty cache: every figure counted by FTS5
        var fromIndex = 0;
        foreach (var (library, terms) in _queries)
        {
            var (expected, expectedCount) = await fts.GetTermStatisticsAsync(library, terms, CancellationToken.None);
            var (actual, actualCount) = await store.GetTermStatisticsAsync(library, terms, CancellationToken.None);
            Assert.Equal(expectedCount, actualCount);
            Assert.Equal(expected.OrderBy(p => p.Key, StringComparer.Ordinal), actual.OrderBy(p => p.Key, StringComparer.Ordinal));
            fromIndex += await _lexical.TryTermStatisticsAsync(library, [.. expected.Keys], CancellationToken.None) is not null ? 1 : 0;
        }

        Assert.True(fromIndex > _queries.Count * 9 / 10, $"only {fromIndex} of {_queries.Count} queries counted from the index");
    }
}
