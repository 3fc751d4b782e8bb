using ChatBot.Core.Model;
using ChatBot.IntegrationTests.Retrieval.Storage.Sql;
using ChatBot.Retrieval.Ingestion.Chunking;
using ChatBot.Retrieval.Storage.Articles;
using ChatBot.Retrieval.Storage.Sql;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.IntegrationTests.Retrieval.Storage.Articles;

/// <summary>
/// The upgrade to libraries (migration 0002) on a database written by the schema before it: every article, chunk, vector
/// and full-text row is kept (same ids) and moved into the configured default library; afterwards a source is unique per
/// library and deletes still cascade. Run against SQLite and PostgreSQL by the subclasses.
/// </summary>
public abstract class ArticleLibraryMigrationContractTests(SqlDialect dialect) : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
    private TestDatabase _database = null!;
    private SqlDatabase _sql = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(dialect);
        _sql = _database.Open();
        await Migrator(ArticleStore.Migration).MigrateAsync(CancellationToken.None);
        await InsertTodaysRowsAsync(1, "https://example.test/kangaroos", "Kangaroos", [(10, "Kangaroos hop across the outback."), (11, "They rest at noon.")]);
        await InsertTodaysRowsAsync(2, "seed:wombats.txt", "Wombats", [(20, "Wombats dig burrows at night.")]);
        if (dialect == SqlDialect.Postgres)
        {
            // The rows above were given their ids; the identity columns go on after them, as the store's own inserts would.
            await _sql.ExecuteAsync("SELECT setval(pg_get_serial_sequence('articles', 'id'), 100), setval(pg_get_serial_sequence('chunks', 'id'), 100)", [], CancellationToken.None);
        }
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Migrate_TodaysDatabaseWithData_KeepsEveryArticleChunkVectorAndFullTextRowInTheDefaultLibrary()
    {
        var store = await UpgradeAsync("acme");

        var articles = await store.ListAsync("acme", CancellationToken.None);
        var vectors = new List<long>();
        await foreach (var stored in store.ReadEmbeddingsAsync(CancellationToken.None))
        {
            vectors.Add(stored.ChunkId);
        }

        Assert.Equal([1L, 2L], articles.Select(a => a.Id).Order());
        Assert.All(articles, a => Assert.Equal("acme", a.Library));
        Assert.Equal([10L, 11L], (await store.GetArticleChunksAsync(1, CancellationToken.None)).Select(c => c.Id));
        Assert.Equal([10L, 11L, 20L], vectors.Order());
        Assert.Equal([20L], (await store.SearchLexicalAsync("acme", ["wombats"], 10, CancellationToken.None)).Select(h => h.ChunkId));
        Assert.Equal("Kangaroos hop across the outback. They rest at noon.", await store.GetTextAsync(1, CancellationToken.None));
    }

    [Fact]
    public async Task Migrate_ThenSameSourceInAnotherLibrary_IsASecondArticleAndTheFirstKeepsItsChunks()
    {
        var store = await UpgradeAsync("acme");

        var draft = new ArticleDraft("https://example.test/kangaroos", "Kangaroos", "Kangaroos box.") { Library = "discord:42" };
        var saved = await store.SaveAsync(draft, "h-other", [new ChunkDraft(0, "Kangaroos box.", 0, [new TextSpan(0, 14)])], [[0.5f, 0.5f, 0.5f, 0.5f]], CancellationToken.None);

        Assert.NotEqual(1, saved.Article.Id);
        Assert.Equal("discord:42", (await store.GetAsync("discord:42", saved.Article.Id, CancellationToken.None))!.Library);
        Assert.Equal("acme", (await store.GetAsync("acme", 1, CancellationToken.None))!.Library);
        Assert.Null(await store.GetAsync("discord:42", 1, CancellationToken.None));
        Assert.Equal(2, (await store.GetArticleChunksAsync(1, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Migrate_ThenDelete_StillRemovesTheArticlesChunks()
    {
        var store = await UpgradeAsync("acme");

        Assert.False(await store.DeleteAsync("discord:42", 1, CancellationToken.None));
        Assert.True(await store.DeleteAsync("acme", 1, CancellationToken.None));

        Assert.Empty(await store.GetArticleChunksAsync(1, CancellationToken.None));
        Assert.Empty(await store.SearchLexicalAsync("acme", ["kangaroos"], 10, CancellationToken.None));
        Assert.Single(await store.GetArticleChunksAsync(2, CancellationToken.None));
    }

    [Fact]
    public async Task SearchAndTermStatistics_AnotherLibraryWithManyMatches_StayInsideTheAskedLibrary()
    {
        var store = await UpgradeAsync("acme");
        for (var i = 0; i < 12; i++)
        {
            var draft = new ArticleDraft($"https://example.test/other/{i}", "Kangaroos " + i, "Kangaroos kangaroos kangaroos.") { Library = "discord:42" };
            await store.SaveAsync(draft, "other-" + i, [new ChunkDraft(0, "Kangaroos kangaroos kangaroos.", 0, [new TextSpan(0, 30)])], [[1f, 0f, 0f, 0f]], CancellationToken.None);
        }

        var acme = await store.SearchLexicalAsync("acme", ["kangaroos"], 2, CancellationToken.None);
        var (frequency, chunks) = await store.GetTermStatisticsAsync("acme", ["kangaroos"], CancellationToken.None);
        var (otherFrequency, otherChunks) = await store.GetTermStatisticsAsync("discord:42", ["kangaroos"], CancellationToken.None);

        // Chunk 11 matches by its article's title (indexed with every chunk).
        Assert.Equal([10L, 11L], acme.Select(h => h.ChunkId).Order());
        Assert.Empty(await store.SearchLexicalAsync("slack:T1", ["kangaroos"], 10, CancellationToken.None));
        Assert.Equal((2, 3), (frequency["kangaroos"], chunks));
        Assert.Equal((12, 12), (otherFrequency["kangaroos"], otherChunks));
        Assert.Equal(15, await store.CountChunksAsync(CancellationToken.None));
    }

    private async Task<ArticleStore> UpgradeAsync(string defaultLibrary)
    {
        await Migrator(ArticleStore.Migration, ArticleStore.LibrariesMigration(defaultLibrary), ArticleStore.SentenceVectorsMigration).MigrateAsync(CancellationToken.None);
        return TestDatabase.CreateArticleStore(_sql, _time);
    }

    private ISchemaMigrator Migrator(params SqlMigration[] migrations) => _sql switch
    {
        SqliteConnectionFactory sqlite => new SqliteMigrator(sqlite, migrations, _time),
        PostgresConnectionFactory postgres => new PostgresMigrator(postgres, migrations, _time, Microsoft.Extensions.Logging.Abstractions.NullLogger<PostgresMigrator>.Instance),
        _ => throw new InvalidOperationException(),
    };

    /// <summary>Rows as the store wrote them before libraries (migration 0001 only).</summary>
    private async Task InsertTodaysRowsAsync(long id, string source, string title, (long Id, string Text)[] chunks)
    {
        var text = string.Join(' ', chunks.Select(c => c.Text));
        await _sql.ExecuteAsync(
            "INSERT INTO articles (id, source, title, url, author, published_at, ingested_at, content_hash, text, feed_id, chunk_count) " +
            "VALUES (@id, @source, @title, NULL, NULL, NULL, @at, @hash, @text, NULL, @count)",
            [("id", id), ("source", source), ("title", title), ("at", _sql.Time(_time.GetUtcNow())), ("hash", "hash-" + id), ("text", text), ("count", chunks.Length)],
            CancellationToken.None);
        var start = 0;
        for (var i = 0; i < chunks.Length; i++)
        {
            var (chunkId, chunkText) = chunks[i];
            float[] vector = [1f, 0f, 0f, 0f];
            if (dialect == SqlDialect.Sqlite)
            {
                await _sql.ExecuteAsync(
                    "INSERT INTO chunks (id, article_id, ordinal, start, text, text_hash, sentences, embedding) VALUES (@id, @article, @ordinal, @start, @text, @hash, @sentences, @embedding)",
                    [("id", chunkId), ("article", id), ("ordinal", i), ("start", start), ("text", chunkText), ("hash", "t" + chunkId), ("sentences", $"0:{chunkText.Length}"),
                        ("embedding", System.Runtime.InteropServices.MemoryMarshal.AsBytes(vector.AsSpan()).ToArray())],
                    CancellationToken.None);
                await _sql.ExecuteAsync("INSERT INTO chunks_fts (rowid, title, text) VALUES (@id, @title, @text)", [("id", chunkId), ("title", title), ("text", chunkText)], CancellationToken.None);
            }
            else
            {
                await _sql.ExecuteAsync(
                    "INSERT INTO chunks (id, article_id, ordinal, start, title, text, text_hash, sentences, embedding) VALUES (@id, @article, @ordinal, @start, @title, @text, @hash, @sentences, @embedding)",
                    [("id", chunkId), ("article", id), ("ordinal", i), ("start", start), ("title", title), ("text", chunkText), ("hash", "t" + chunkId), ("sentences", new[] { 0, chunkText.Length }), ("embedding", vector)],
                    CancellationToken.None);
            }

            start += chunkText.Length + 1;
        }
    }
}
