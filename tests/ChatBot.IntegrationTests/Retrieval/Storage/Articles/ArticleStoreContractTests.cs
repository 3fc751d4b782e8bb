using ChatBot.Core.Model;
using ChatBot.IntegrationTests.Retrieval.Storage.Sql;
using ChatBot.Retrieval.Ingestion;
using ChatBot.Retrieval.Ingestion.Chunking;
using ChatBot.Retrieval.Storage;
using ChatBot.Retrieval.Storage.Articles;
using ChatBot.Retrieval.Storage.Sql;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.IntegrationTests.Retrieval.Storage.Articles;

/// <summary>What every <see cref="IArticleStore"/> must do; run against SQLite and PostgreSQL by the subclasses.</summary>
public abstract class ArticleStoreContractTests(SqlDialect dialect) : IAsyncLifetime
{
    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));

    protected IArticleStore Store { get; private set; } = null!;

    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(dialect);
        await _database.MigrateAsync(Time);
        Store = TestDatabase.CreateArticleStore(_database.Open(), Time);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Migrate_Twice_IsIdempotent()
    {
        await _database.MigrateAsync(Time);
        var saved = await SaveAsync("a", "Alpha", "Kangaroos hop across the outback.");

        Assert.NotNull(await Store.GetAsync("local", saved.Article.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Save_NewArticle_RoundTripsRowTextAndChunks()
    {
        var published = new DateTimeOffset(2026, 11, 1, 8, 30, 0, TimeSpan.Zero);
        var saved = await SaveAsync("src/a.md", "Alpha", published, "Kangaroos hop across the outback. They rest at noon.", "Wombats dig burrows.");

        var byId = await Store.GetAsync("local", saved.Article.Id, CancellationToken.None);
        var bySource = await Store.GetBySourceAsync("local", "src/a.md", CancellationToken.None);
        var chunks = await Store.GetArticleChunksAsync(saved.Article.Id, CancellationToken.None);

        Assert.Equal(saved.Article, byId);
        Assert.Equal(saved.Article, bySource);
        Assert.Equal(published, byId!.PublishedAt);
        Assert.Equal(Time.GetUtcNow(), byId.IngestedAt);
        Assert.Equal(2, byId.ChunkCount);
        Assert.Equal("Kangaroos hop across the outback. They rest at noon. Wombats dig burrows.", await Store.GetTextAsync(saved.Article.Id, CancellationToken.None));
        Assert.Equal(saved.ChunkIds, chunks.Select(c => c.Id));
        Assert.Equal([0, 1], chunks.Select(c => c.Ordinal));
        Assert.Equal(0, chunks[0].Start);
        Assert.Equal(53, chunks[1].Start);
        Assert.Equal([new TextSpan(0, 33), new TextSpan(34, 18)], chunks[0].Sentences);
        Assert.Equal("Wombats dig burrows.", chunks[1].Text);
    }

    [Fact]
    public async Task Save_SameSource_ReplacesChunksAndKeepsId()
    {
        var first = await SaveAsync("a", "Alpha", "Kangaroos hop across the outback.", "Wombats dig burrows.");
        Time.Advance(TimeSpan.FromMinutes(1));

        var second = await SaveAsync("a", "Alpha two", "Penguins swim in cold water.");

        Assert.Equal(first.Article.Id, second.Article.Id);
        var chunks = await Store.GetArticleChunksAsync(second.Article.Id, CancellationToken.None);
        Assert.Equal(["Penguins swim in cold water."], chunks.Select(c => c.Text));
        Assert.Equal(second.ChunkIds, chunks.Select(c => c.Id));
        Assert.Empty(await Store.SearchLexicalAsync("local", ["kangaroos"], 10, CancellationToken.None));
        Assert.Equal("Alpha two", (await Store.GetAsync("local", first.Article.Id, CancellationToken.None))!.Title);
        Assert.Single(await Store.ListAsync("local", CancellationToken.None));
    }

    [Fact]
    public async Task Save_VectorCountMismatch_Throws()
    {
        ChunkDraft[] chunks = [new ChunkDraft(0, "One chunk.", 0, [new TextSpan(0, 10)])];

        await Assert.ThrowsAsync<ArgumentException>(() =>
            Store.SaveAsync(new ArticleDraft("a", "Alpha", "One chunk."), "hash", chunks, [], CancellationToken.None));
    }

    [Fact]
    public async Task Delete_RemovesArticleChunksAndLexicalEntries()
    {
        var saved = await SaveAsync("a", "Alpha", "Kangaroos hop across the outback.");

        var deleted = await Store.DeleteAsync("local", saved.Article.Id, CancellationToken.None);

        Assert.True(deleted);
        Assert.Null(await Store.GetAsync("local", saved.Article.Id, CancellationToken.None));
        Assert.Empty(await Store.GetChunksAsync(saved.ChunkIds.ToList(), CancellationToken.None));
        Assert.Empty(await Store.SearchLexicalAsync("local", ["kangaroos"], 10, CancellationToken.None));
        Assert.False(await Store.DeleteAsync("local", saved.Article.Id, CancellationToken.None));
    }

    [Fact]
    public async Task GetChunks_ByIds_ReturnsOnlyThose()
    {
        var saved = await SaveAsync("a", "Alpha", "First chunk here.", "Second chunk here.", "Third chunk here.");

        var chunks = await Store.GetChunksAsync([saved.ChunkIds[0], saved.ChunkIds[2], 999_999], CancellationToken.None);

        Assert.Equal(["First chunk here.", "Third chunk here."], chunks.OrderBy(c => c.Ordinal).Select(c => c.Text));
    }

    [Fact]
    public async Task FindVectorsByTextHash_ReturnsStoredVectorsOfKnownTextsOnly()
    {
        await SaveAsync("a", "Alpha", "Kangaroos hop across the outback.");
        var known = ContentHash.Of("Kangaroos hop across the outback.");

        var found = await Store.FindVectorsByTextHashAsync([known, ContentHash.Of("never stored")], CancellationToken.None);

        var vector = Assert.Single(found);
        Assert.Equal(known, vector.Key);
        Assert.Equal(HashingEmbeddingGenerator.Embed("Kangaroos hop across the outback."), vector.Value.Vector);
    }

    [Fact]
    public async Task SearchLexical_SeveralTerms_FindsChunksMatchingAny()
    {
        var a = await SaveAsync("a", "Alpha", "Kangaroos hop across the outback.");
        var b = await SaveAsync("b", "Beta", "Penguins swim in cold water.");
        await SaveAsync("c", "Gamma", "Volcanoes erupt with lava.");

        var hits = await Store.SearchLexicalAsync("local", ["kangaroo", "penguin"], 10, CancellationToken.None);

        Assert.Equal(new[] { a.ChunkIds[0], b.ChunkIds[0] }.Order(), hits.Select(h => h.ChunkId).Order());
        Assert.All(hits, h => Assert.True(h.Score > 0));
        Assert.Equal(a.Article.Id, hits.Single(h => h.ChunkId == a.ChunkIds[0]).ArticleId);
    }

    [Fact]
    public async Task SearchLexical_InflectedForm_MatchesStem()
    {
        var saved = await SaveAsync("a", "Alpha", "The penguins were swimming quickly.");

        var hits = await Store.SearchLexicalAsync("local", ["swim"], 10, CancellationToken.None);

        Assert.Equal(saved.ChunkIds[0], Assert.Single(hits).ChunkId);
    }

    [Fact]
    public async Task SearchLexical_TitleWord_MatchesEveryChunkOfTheArticle()
    {
        var saved = await SaveAsync("a", "Marsupials", "Kangaroos hop across the outback.", "Wombats dig burrows.");

        var hits = await Store.SearchLexicalAsync("local", ["marsupials"], 10, CancellationToken.None);

        Assert.Equal(saved.ChunkIds.Order(), hits.Select(h => h.ChunkId).Order());
    }

    [Fact]
    public async Task SearchLexical_MoreOccurrences_RanksFirst()
    {
        var once = await SaveAsync("a", "Alpha", "An otter swims in the lake near the old mill today.");
        var thrice = await SaveAsync("b", "Beta", "Otter otter otter by the river.");

        var hits = await Store.SearchLexicalAsync("local", ["otter"], 10, CancellationToken.None);

        Assert.Equal([thrice.ChunkIds[0], once.ChunkIds[0]], hits.Select(h => h.ChunkId));
        Assert.True(hits[0].Score > hits[1].Score);
    }

    [Fact]
    public async Task SearchLexical_Limit_CapsHits()
    {
        await SaveAsync("a", "Alpha", "Otters one.", "Otters two.", "Otters three.");

        var hits = await Store.SearchLexicalAsync("local", ["otters"], 2, CancellationToken.None);

        Assert.Equal(2, hits.Count);
    }

    [Fact]
    public async Task SearchLexical_TermsWithoutWords_ReturnsNothing()
    {
        await SaveAsync("a", "Alpha", "Kangaroos hop across the outback.");

        var hits = await Store.SearchLexicalAsync("local", ["--", "\"'", "&|!"], 10, CancellationToken.None);

        Assert.Empty(hits);
    }

    [Fact]
    public async Task GetTermStatistics_CountsChunksPerTermAndTotal()
    {
        await SaveAsync("a", "Alpha", "Kangaroos hop.", "Kangaroos rest.");
        await SaveAsync("b", "Beta", "Penguins swim.");

        var (frequency, total) = await Store.GetTermStatisticsAsync("local", ["kangaroos", "penguins", "volcano"], CancellationToken.None);

        Assert.Equal(3, total);
        Assert.Equal(2, frequency["kangaroos"]);
        Assert.Equal(1, frequency["penguins"]);
        Assert.Equal(0, frequency["volcano"]);
    }

    [Fact]
    public async Task GetTermStatistics_AfterSaveAndDelete_ReflectsTheChange()
    {
        var a = await SaveAsync("a", "Alpha", "Kangaroos hop.", "Kangaroos rest.");
        await Store.GetTermStatisticsAsync("local", ["kangaroos"], CancellationToken.None);

        await SaveAsync("b", "Beta", "Kangaroos swim.");
        var (afterSave, totalAfterSave) = await Store.GetTermStatisticsAsync("local", ["kangaroos"], CancellationToken.None);
        await Store.DeleteAsync("local", a.Article.Id, CancellationToken.None);
        var (afterDelete, totalAfterDelete) = await Store.GetTermStatisticsAsync("local", ["kangaroos"], CancellationToken.None);

        Assert.Equal((3, 3), (afterSave["kangaroos"], totalAfterSave));
        Assert.Equal((1, 1), (afterDelete["kangaroos"], totalAfterDelete));
    }

    [Fact]
    public async Task GetMany_ReturnsTheArticlesThatExist()
    {
        var a = await SaveAsync("a", "Alpha", "Kangaroos hop.");
        var b = await SaveAsync("b", "Beta", "Penguins swim.");

        var articles = await Store.GetManyAsync([b.Article.Id, a.Article.Id, b.Article.Id, 987_654], CancellationToken.None);

        Assert.Equal([a.Article, b.Article], articles.OrderBy(x => x.Id));
    }

    [Fact]
    public async Task ReadEmbeddings_StreamsEveryChunkVector()
    {
        var a = await SaveAsync("a", "Alpha", "Kangaroos hop.", "Wombats dig.");
        var b = await SaveAsync("b", "Beta", "Penguins swim.");

        var stored = new List<StoredEmbedding>();
        await foreach (var embedding in Store.ReadEmbeddingsAsync(CancellationToken.None))
        {
            stored.Add(embedding);
        }

        Assert.Equal(a.ChunkIds.Concat(b.ChunkIds).Order(), stored.Select(s => s.ChunkId).Order());
        var penguins = stored.Single(s => s.ChunkId == b.ChunkIds[0]);
        Assert.Equal(b.Article.Id, penguins.ArticleId);
        Assert.Equal(HashingEmbeddingGenerator.Embed("Penguins swim."), penguins.Vector);
    }

    [Fact]
    public async Task List_NewestFirst()
    {
        await SaveAsync("a", "Alpha", "First.");
        Time.Advance(TimeSpan.FromMinutes(1));
        await SaveAsync("b", "Beta", "Second.");

        var list = await Store.ListAsync("local", CancellationToken.None);

        Assert.Equal(["b", "a"], list.Select(a => a.Source));
    }

    private Task<SavedArticle> SaveAsync(string source, string title, params string[] chunkTexts) =>
        SaveAsync(source, title, null, chunkTexts);

    /// <summary>Saves an article whose text is the chunks joined by spaces; each sentence ends with ". ".</summary>
    private Task<SavedArticle> SaveAsync(string source, string title, DateTimeOffset? published, params string[] chunkTexts)
    {
        var chunks = new List<ChunkDraft>();
        var start = 0;
        for (var i = 0; i < chunkTexts.Length; i++)
        {
            chunks.Add(new ChunkDraft(i, chunkTexts[i], start, Sentences(chunkTexts[i])));
            start += chunkTexts[i].Length + 1;
        }

        var text = string.Join(' ', chunkTexts);
        var draft = new ArticleDraft(source, title, text, Url: "https://example.test/" + source, Author: "Ann", PublishedAt: published, FeedId: 7);
        return Store.SaveAsync(draft, ContentHash.Of(text), chunks, chunkTexts.Select(HashingEmbeddingGenerator.Embed).ToList(), CancellationToken.None);
    }

    private static TextSpan[] Sentences(string text)
    {
        var spans = new List<TextSpan>();
        var begin = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '.')
            {
                spans.Add(new TextSpan(begin, i + 1 - begin));
                begin = i + 2;
            }
        }

        return [.. spans];
    }
}
