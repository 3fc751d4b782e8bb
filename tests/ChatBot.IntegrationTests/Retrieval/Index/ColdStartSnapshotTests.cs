using System.Text.Json;
using ChatBot.IntegrationTests.Retrieval.Storage.Sql;
using ChatBot.Retrieval.Index;
using ChatBot.Retrieval.Ingestion.Chunking;
using ChatBot.Retrieval.Search;
using ChatBot.Retrieval.Search.Lexical;
using ChatBot.Retrieval.Storage.Articles;
using ChatBot.Retrieval.Storage.Sql;
using Microsoft.Extensions.Options;

namespace ChatBot.IntegrationTests.Retrieval.Index;

/// <summary>
/// The cold-start snapshots on a real SQLite file with real text (the lexical fixtures): a restart reads the vector
/// ids and codes and the BM25 index from the snapshots written at the stop and then searches exactly as before; a
/// snapshot of another state of the store is never used; a change after a load deletes the snapshot it came from.
/// </summary>
public sealed class ColdStartSnapshotTests : IAsyncLifetime
{
    private const int Dimensions = 16;
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Retrieval", "Search", "Lexical", "Fixtures");

    private TestDatabase _database = null!;
    private SqliteConnectionFactory _connections = null!;
    private List<(string Library, IReadOnlyList<string> Terms)> _queries = [];

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(SqlDialect.Sqlite);
        await _database.MigrateAsync(TimeProvider.System);
        _connections = (SqliteConnectionFactory)_database.Open();
        _queries = File.ReadLines(Path.Combine(Fixtures, "queries.jsonl"))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Select(q => (q.GetProperty("library").GetString()!, HybridSearcher.QueryTerms(q.GetProperty("query").GetString()!)))
            .ToList();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Restart_AfterACleanStop_LoadsBothIndexesFromTheSnapshotsAndSearchesExactlyAsBefore()
    {
        Hits before = default;
        await RunAsync(async (store, index, lexical) =>
        {
            await lexical.EnsureLoadedAsync(CancellationToken.None);
            await SaveCorpusAsync(store, index, every: 1);
            foreach (var article in (await store.ListAsync("local", CancellationToken.None)).Where((_, i) => i % 4 == 0))
            {
                await store.DeleteAsync("local", article.Id, CancellationToken.None); // tombstones in the BM25 index, a swapped slot in the vectors
                index.RemoveArticle(article.Id);
            }

            Assert.Equal((true, true), await IndexStartupService.SaveSnapshotsAsync(store, index, CancellationToken.None));
            Assert.True(File.Exists(index.SnapshotPath) && File.Exists(_connections.BesideDatabase(".lexical")));
            before = await SearchAllAsync(store, index);
        });

        await RunAsync(async (store, index, lexical) =>
        {
            Assert.True(index.TryLoadSnapshot(await store.GetIndexFingerprintAsync(CancellationToken.None)));
            await lexical.EnsureLoadedAsync(CancellationToken.None);
            Assert.True(lexical.LoadedFromSnapshot);
            var after = await SearchAllAsync(store, index);
            Assert.Equal(before.Lexical, after.Lexical);
            Assert.Equal(before.Dense, after.Dense);
            Assert.Contains(after.Lexical, hits => hits.Count > 0);
            Assert.All(after.Dense, hits => Assert.NotEmpty(hits));

            // A change after the load: the snapshots on disk no longer describe the indexes, so they are gone.
            await SaveCorpusAsync(store, index, every: 7, source: "again:");
            Assert.False(File.Exists(index.SnapshotPath));
            Assert.False(File.Exists(_connections.BesideDatabase(".lexical")));
        });
    }

    [Fact]
    public async Task Restart_AfterAnotherWriterChangedTheStore_RebuildsFromTheRowsInstead()
    {
        await RunAsync(async (store, index, lexical) =>
        {
            await lexical.EnsureLoadedAsync(CancellationToken.None);
            await SaveCorpusAsync(store, index, every: 2);
            Assert.Equal((true, true), await IndexStartupService.SaveSnapshotsAsync(store, index, CancellationToken.None));
        });

        // Another process without the indexes adds articles: the fingerprint moves on.
        await SaveCorpusAsync(new SqliteArticleStore(_connections, TimeProvider.System), null, every: 3, source: "other:");

        await RunAsync(async (store, index, lexical) =>
        {
            Assert.False(index.TryLoadSnapshot(await store.GetIndexFingerprintAsync(CancellationToken.None)));
            Assert.Equal(0, index.Count);
            await lexical.EnsureLoadedAsync(CancellationToken.None);
            Assert.False(lexical.LoadedFromSnapshot);
            var fts = new SqliteArticleStore(_connections, TimeProvider.System);
            foreach (var (library, terms) in _queries)
            {
                var expected = await fts.SearchLexicalAsync(library, terms, 50, CancellationToken.None);
                Assert.Equal(expected.Select(h => h.ChunkId), (await store.SearchLexicalAsync(library, terms, 50, CancellationToken.None)).Select(h => h.ChunkId));
            }
        });
    }

    [Fact]
    public async Task Restart_AfterAnotherWriterReplacedTheNewestArticleWithAsManyChunks_RebuildsFromTheRowsInstead()
    {
        await RunAsync(async (store, index, lexical) =>
        {
            await lexical.EnsureLoadedAsync(CancellationToken.None);
            await SaveCorpusAsync(store, index, every: 2);
            Assert.Equal((true, true), await IndexStartupService.SaveSnapshotsAsync(store, index, CancellationToken.None));
        });

        // Another process deletes the article holding the newest chunks and saves one with as many: SQLite reuses the ids.
        var other = new SqliteArticleStore(_connections, TimeProvider.System);
        var before = await other.GetIndexFingerprintAsync(CancellationToken.None);
        var libraries = File.ReadLines(Path.Combine(Fixtures, "corpus.jsonl")).Select(line => JsonDocument.Parse(line).RootElement.GetProperty("library").GetString()!).Distinct();
        var articles = new List<ChatBot.Core.Model.Article>();
        foreach (var library in libraries)
        {
            articles.AddRange(await other.ListAsync(library, CancellationToken.None));
        }

        var newest = articles.MaxBy(a => a.Id)!;
        Assert.True(await other.DeleteAsync(newest.Library, newest.Id, CancellationToken.None));
        var chunks = Enumerable.Range(0, newest.ChunkCount).Select(i => new ChunkDraft(i, $"zorblaxian quokka part {i}", 0, [])).ToList();
        var random = new Random(5);
        var draft = new ArticleDraft("other:replacement", "Replacement", string.Join(' ', chunks.Select(c => c.Text))) { Library = newest.Library };
        await other.SaveAsync(draft, "hash:replacement", chunks, chunks.Select(_ => Vector(random)).ToList(), CancellationToken.None);
        var after = await other.GetIndexFingerprintAsync(CancellationToken.None);
        Assert.True(after.HasRowsOf(before)); // count and highest id alone cannot tell the stores apart
        Assert.NotEqual(before, after);

        await RunAsync(async (store, index, lexical) =>
        {
            Assert.False(index.TryLoadSnapshot(after));
            await lexical.EnsureLoadedAsync(CancellationToken.None);
            Assert.False(lexical.LoadedFromSnapshot);
            var hits = await store.SearchLexicalAsync(newest.Library, HybridSearcher.QueryTerms("zorblaxian"), 50, CancellationToken.None);
            Assert.Equal(chunks.Count, hits.Count);
        });
    }

    private readonly record struct Hits(List<List<(long, double)>> Lexical, List<List<(long, float)>> Dense);

    /// <summary>One "process": a store with its BM25 index and a vector index on the vector file (closed at the end, as at a stop).</summary>
    private async Task RunAsync(Func<SqliteArticleStore, VectorIndex, SqliteLexicalSearch, Task> act)
    {
        using var lexical = new SqliteLexicalSearch(_connections, Options.Create(new SearchOptions { InMemoryLexical = true }), _connections.BesideDatabase(".lexical"));
        using var index = new VectorIndex(Dimensions, _connections.BesideDatabase(".vectors"));
        Assert.NotNull(index.VectorFilePath);
        await act(new SqliteArticleStore(_connections, TimeProvider.System, lexical), index, lexical);
    }

    private async Task<Hits> SearchAllAsync(SqliteArticleStore store, VectorIndex index)
    {
        var hits = new Hits([], []);
        var random = new Random(3);
        foreach (var (library, terms) in _queries)
        {
            hits.Lexical.Add((await store.SearchLexicalAsync(library, terms, 50, CancellationToken.None)).Select(h => (h.ChunkId, h.Score)).ToList());
            hits.Dense.Add(index.Search(Vector(random), library, 20).Select(h => (h.ChunkId, h.Similarity)).ToList());
        }

        return hits;
    }

    private static async Task SaveCorpusAsync(ArticleStore store, VectorIndex? index, int every, string source = "fixture:")
    {
        var random = new Random(every);
        foreach (var line in File.ReadLines(Path.Combine(Fixtures, "corpus.jsonl")).Where((_, i) => i % every == 0))
        {
            var row = JsonDocument.Parse(line).RootElement;
            var text = row.GetProperty("text").GetString()!;
            var chunks = text.Split(' ').Chunk(60).Select((part, i) => new ChunkDraft(i, string.Join(' ', part), 0, [])).ToList();
            var vectors = chunks.Select(_ => Vector(random)).ToList();
            var draft = new ArticleDraft(source + row.GetProperty("id").GetString(), row.GetProperty("title").GetString()!, text) { Library = row.GetProperty("library").GetString()! };
            var saved = await store.SaveAsync(draft, "hash:" + text.Length, chunks, vectors, CancellationToken.None);
            for (var i = 0; i < saved.ChunkIds.Count; i++)
            {
                index?.Add(saved.ChunkIds[i], saved.Article.Id, draft.Library, vectors[i]);
            }
        }
    }

    private static float[] Vector(Random random)
    {
        var vector = Enumerable.Range(0, Dimensions).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var norm = MathF.Sqrt(vector.Sum(x => x * x));
        return vector.Select(x => x / norm).ToArray();
    }
}
