using System.Diagnostics.CodeAnalysis;
using ChatBot.Core.Model;
using ChatBot.Retrieval.Ingestion;
using ChatBot.Retrieval.Storage;
using ChatBot.Retrieval.Storage.Articles;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.IntegrationTests.Retrieval.Storage.Sql;

/// <summary>Two replicas on one database: what one ingests, the other finds (by vector, and by BM25 once its in-memory index is loaded, after its change poll).</summary>
[Collection(PostgresCollection.Name)]
[SuppressMessage("Design", "CA1001", Justification = "Disposed in IAsyncLifetime.DisposeAsync.")]
public sealed class PostgresReplicaTests : IAsyncLifetime
{
    private const string PlatypusText = "The platypus is a semiaquatic mammal from eastern Australia. It lays eggs instead of giving birth. Males carry venomous spurs on their hind legs.";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero));
    private PostgresTestSchema _schema = null!;
    private Replica _a = null!;
    private Replica _b = null!;

    public async Task InitializeAsync()
    {
        _schema = await PostgresTestServer.CreateSchemaAsync();
        _a = new Replica(_schema.ConnectionString, _time);
        _b = new Replica(_schema.ConnectionString, _time);
        await Task.WhenAll(_a.StartAsync(), _b.StartAsync());
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await _schema.DisposeAsync();
    }

    [Fact]
    public async Task Ingest_OnReplicaA_IsLexicallySearchableOnReplicaBAtOnce()
    {
        var result = await _a.Pipeline.IngestDraftAsync(new ArticleDraft("feed:1", "Platypus facts", PlatypusText), CancellationToken.None);

        var hits = await _b.Store.SearchLexicalAsync("local", ["venomous"], 10, CancellationToken.None);

        Assert.Equal(result.Article!.Id, Assert.Single(hits).ArticleId);
    }

    [Fact]
    public async Task Ingest_OnReplicaA_ReachesReplicaBVectorIndexAtItsNextPoll()
    {
        var result = await _a.Pipeline.IngestDraftAsync(new ArticleDraft("feed:1", "Platypus facts", PlatypusText), CancellationToken.None);
        var chunks = await _b.Store.GetArticleChunksAsync(result.Article!.Id, CancellationToken.None);
        var before = _b.Index.Count;

        var read = await _b.Poll.PollOnceAsync(CancellationToken.None);

        Assert.Equal(0, before);
        Assert.Equal(1, read);
        Assert.Equal(chunks.Count, _b.Index.Count);
        var top = Assert.Single(_b.Index.Search(HashingEmbeddingGenerator.Embed(chunks[0].Text), "local", 1));
        Assert.Equal(chunks[0].Id, top.ChunkId);
        Assert.Equal(result.Article.Id, top.ArticleId);
    }

    [Fact]
    public async Task Delete_OnReplicaA_RemovesVectorsFromReplicaBAtItsNextPoll()
    {
        var result = await _a.Pipeline.IngestDraftAsync(new ArticleDraft("feed:1", "Platypus facts", PlatypusText), CancellationToken.None);
        await _b.Poll.PollOnceAsync(CancellationToken.None);
        var loaded = _b.Index.Count;

        await _a.Store.DeleteAsync("local", result.Article!.Id, CancellationToken.None);
        await _b.Poll.PollOnceAsync(CancellationToken.None);

        Assert.True(loaded > 0);
        Assert.Equal(0, _b.Index.Count);
    }

    [Fact]
    public async Task Update_OnReplicaA_ReplacesReplicaBVectors()
    {
        await _a.Pipeline.IngestDraftAsync(new ArticleDraft("feed:1", "Platypus facts", PlatypusText), CancellationToken.None);
        await _b.Poll.PollOnceAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(1));

        var updated = await _a.Pipeline.IngestDraftAsync(new ArticleDraft("feed:1", "Platypus facts", "Echidnas also lay eggs."), CancellationToken.None);
        await _b.Poll.PollOnceAsync(CancellationToken.None);

        var chunk = Assert.Single(await _b.Store.GetArticleChunksAsync(updated.Article!.Id, CancellationToken.None));
        Assert.Equal(1, _b.Index.Count);
        Assert.Equal(chunk.Id, _b.Index.Search(HashingEmbeddingGenerator.Embed("Echidnas also lay eggs."), "local", 1)[0].ChunkId);
    }

    [Fact]
    public async Task IngestUpdateDelete_OnReplicaA_ReachReplicaBLoadedBm25IndexAtItsNextPoll()
    {
        await _b.Lexical.EnsureLoadedAsync(CancellationToken.None);
        var result = await _a.Pipeline.IngestDraftAsync(new ArticleDraft("feed:1", "Platypus facts", PlatypusText), CancellationToken.None);
        var beforePoll = await SearchOnBAsync("venomous");
        await _b.Poll.PollOnceAsync(CancellationToken.None);
        var afterPoll = await SearchOnBAsync("venomous");

        _time.Advance(TimeSpan.FromMinutes(1));
        await _a.Pipeline.IngestDraftAsync(new ArticleDraft("feed:1", "Platypus facts", "Echidnas also lay eggs."), CancellationToken.None);
        await _b.Poll.PollOnceAsync(CancellationToken.None);
        var (oldText, newText) = (await SearchOnBAsync("venomous"), await SearchOnBAsync("echidnas"));

        await _a.Store.DeleteAsync("local", result.Article!.Id, CancellationToken.None);
        await _b.Poll.PollOnceAsync(CancellationToken.None);

        Assert.Empty(beforePoll); // B's BM25 index has not seen A's change yet
        Assert.Equal(result.Article.Id, Assert.Single(afterPoll).ArticleId);
        Assert.Empty(oldText);
        Assert.Equal(result.Article.Id, Assert.Single(newText).ArticleId);
        Assert.Empty(await SearchOnBAsync("echidnas"));
        Assert.Equal(0, _b.Lexical.Index.Rows);
        Assert.Equal(5, _b.Lexical.Answered); // every search above came from the index
    }

    [Fact]
    public async Task Poll_AfterIndexLoad_StartsAtTheLoadedSnapshot()
    {
        await _a.Pipeline.IngestDraftAsync(new ArticleDraft("feed:1", "Platypus facts", PlatypusText), CancellationToken.None);
        await using var c = new Replica(_schema.ConnectionString, _time);
        await c.StartAsync();
        var loaded = c.Index.Count;
        await _a.Pipeline.IngestDraftAsync(new ArticleDraft("feed:2", "Echidna facts", "Echidnas also lay eggs."), CancellationToken.None);

        var read = await c.Poll.PollOnceAsync(CancellationToken.None);

        Assert.True(loaded > 0);
        Assert.Equal(1, read);
        Assert.Equal(loaded + 1, c.Index.Count);
    }

    [Fact]
    public async Task Ingest_SameSourceOnBothReplicasAtOnce_LeavesOneArticleWithOneSetOfChunks()
    {
        var results = await Task.WhenAll(
            Task.Run(() => _a.Pipeline.IngestDraftAsync(new ArticleDraft("seed:x", "Platypus facts", PlatypusText), CancellationToken.None)),
            Task.Run(() => _b.Pipeline.IngestDraftAsync(new ArticleDraft("seed:x", "Platypus facts", PlatypusText), CancellationToken.None)));

        var article = Assert.Single(await _a.Store.ListAsync("local", CancellationToken.None));
        var chunks = await _a.Store.GetArticleChunksAsync(article.Id, CancellationToken.None);
        Assert.All(results, r => Assert.Equal(article.Id, r.Article!.Id));
        Assert.Equal(article.ChunkCount, chunks.Count);
        Assert.Equal(chunks.Count, await _schema.ScalarAsync("SELECT count(*) FROM chunks"));
    }

    [Fact]
    public async Task Poll_OwnChanges_LeavesIndexAsIngested()
    {
        await _a.Pipeline.IngestDraftAsync(new ArticleDraft("feed:1", "Platypus facts", PlatypusText), CancellationToken.None);
        var ingested = _a.Index.Count;

        var read = await _a.Poll.PollOnceAsync(CancellationToken.None);

        Assert.Equal(1, read);
        Assert.Equal(ingested, _a.Index.Count);
    }

    private Task<IReadOnlyList<LexicalHit>> SearchOnBAsync(string term) => _b.Store.SearchLexicalAsync("local", [term], 10, CancellationToken.None);
}
