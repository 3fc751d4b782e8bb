using ChatBot.Core.Model;
using ChatBot.IntegrationTests.Retrieval.Storage.Sql;
using ChatBot.Retrieval.Embeddings;
using ChatBot.Retrieval.Ingestion;
using ChatBot.Retrieval.Ingestion.Chunking;
using ChatBot.Retrieval.Storage.Articles;
using ChatBot.Retrieval.Storage.Sql;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.IntegrationTests.Retrieval.Storage.Articles;

/// <summary>Sentence vectors stored beside each chunk (migration 0005), on SQLite and PostgreSQL.</summary>
public abstract class SentenceVectorStoreContractTests(SqlDialect dialect) : IAsyncLifetime
{
    private const string Text = "Kangaroos hop across the outback. They rest at noon.";
    private static readonly TextSpan[] Spans = [new(0, 33), new(34, 18)];

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 6, 2, 0, 0, TimeSpan.Zero));
    private TestDatabase _database = null!;
    private ArticleStore _store = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(dialect);
        await _database.MigrateAsync(_time);
        _store = TestDatabase.CreateArticleStore(_database.Open(), _time);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private static byte[] Encoded() =>
        SentenceVectors.Encode(Spans.Select(s => (ReadOnlyMemory<float>?)HashingEmbeddingGenerator.Embed(Text.Substring(s.Start, s.Length))).ToList());

    private Task<SavedArticle> SaveAsync(string source, byte[]? sentenceVectors) =>
        _store.SaveAsync(
            new ArticleDraft(source, "Outback", Text),
            ContentHash.Of(Text),
            [new ChunkDraft(0, Text, 0, Spans) { SentenceVectors = sentenceVectors }],
            [HashingEmbeddingGenerator.Embed(Text)],
            CancellationToken.None);

    [Fact]
    public async Task GetChunksWithSentenceVectors_ReturnsWhatWasSaved_ReadOnlyForThoseChunks()
    {
        var withVectors = await SaveAsync("a", Encoded());
        var without = await SaveAsync("b", null);

        var read = (await _store.GetChunksWithSentenceVectorsAsync([withVectors.ChunkIds[0], without.ChunkIds[0], 999_999], CancellationToken.None)).ToDictionary(c => c.Chunk.Id);

        Assert.Equal(2, read.Count);
        var stored = read[withVectors.ChunkIds[0]];
        Assert.Equal(Text, stored.Chunk.Text);
        Assert.Equal(Spans, stored.Chunk.Sentences);
        Assert.Equal(Encoded(), stored.SentenceVectors!.Encoded.ToArray());
        var query = HashingEmbeddingGenerator.Embed("Where do kangaroos hop?");
        Assert.Equal(SentenceVectors.Int8Cosine(query, HashingEmbeddingGenerator.Embed(Text[..33])), stored.SentenceVectors.Cosine(Spans[0], query));
        Assert.Null(read[without.ChunkIds[0]].SentenceVectors);
    }

    [Fact]
    public async Task FindVectorsByTextHash_BringsTheSentenceVectors_NullWhereNoneAreStored()
    {
        await SaveAsync("a", Encoded());

        var found = await _store.FindVectorsByTextHashAsync([ContentHash.Of(Text)], CancellationToken.None);

        Assert.Equal(Encoded(), Assert.Single(found).Value.SentenceVectors);
        await _store.DeleteAsync("local", (await _store.GetBySourceAsync("local", "a", CancellationToken.None))!.Id, CancellationToken.None);
        await SaveAsync("b", null);
        Assert.Null(Assert.Single(await _store.FindVectorsByTextHashAsync([ContentHash.Of(Text)], CancellationToken.None)).Value.SentenceVectors);
    }

    [Fact]
    public async Task RowsWrittenBeforeTheMigration_ReadWithoutSentenceVectors_AndNewSavesStoreThem()
    {
        await using var old = await TestDatabase.CreateAsync(dialect);
        var sql = old.Open();
        await Migrator(sql, ArticleStore.Migration, ArticleStore.LibrariesMigration("local")).MigrateAsync(CancellationToken.None);
        await sql.ExecuteAsync(
            "INSERT INTO articles (id, library, source, title, ingested_at, content_hash, text, chunk_count) VALUES (1000, 'local', 'old', 'Outback', @at, 'h', @text, 1)",
            [("at", sql.Time(_time.GetUtcNow())), ("text", Text)],
            CancellationToken.None);
        await sql.ExecuteAsync(
            sql.Pick(
                "INSERT INTO chunks (id, article_id, library, ordinal, start, text, text_hash, sentences, embedding) VALUES (1000, 1000, 'local', 0, 0, @text, 'h', '0:33,34:18', @embedding)",
                "INSERT INTO chunks (id, article_id, library, ordinal, start, title, text, text_hash, sentences, embedding) VALUES (1000, 1000, 'local', 0, 0, 'Outback', @text, 'h', '{0,33,34,18}', @embedding)"),
            [("text", Text), ("embedding", sql.Pick<object>(System.Runtime.InteropServices.MemoryMarshal.AsBytes(HashingEmbeddingGenerator.Embed(Text).AsSpan()).ToArray(), HashingEmbeddingGenerator.Embed(Text)))],
            CancellationToken.None);

        await old.MigrateAsync(_time);
        var store = TestDatabase.CreateArticleStore(sql, _time);
        var saved = await store.SaveAsync(
            new ArticleDraft("new", "Outback", Text), "h2", [new ChunkDraft(0, Text, 0, Spans) { SentenceVectors = Encoded() }], [HashingEmbeddingGenerator.Embed(Text)], CancellationToken.None);

        var read = (await store.GetChunksWithSentenceVectorsAsync([1000, saved.ChunkIds[0]], CancellationToken.None)).ToDictionary(c => c.Chunk.Id);
        Assert.Equal(Spans, read[1000].Chunk.Sentences);
        Assert.Null(read[1000].SentenceVectors);
        Assert.NotNull(read[saved.ChunkIds[0]].SentenceVectors);
    }

    [Fact]
    public async Task Backfill_ReadsOnlyChunksWithout_AndStoresOnlyWhileTheChunkStillHoldsThatText()
    {
        var without = await SaveAsync("a", null);
        var with = await SaveAsync("b", Encoded());
        var chunk = Assert.Single(await _store.ReadChunksWithoutSentenceVectorsAsync(0, 10, CancellationToken.None));
        Assert.Equal(without.ChunkIds[0], chunk.Id);
        Assert.Empty(await _store.ReadChunksWithoutSentenceVectorsAsync(chunk.Id, 10, CancellationToken.None));

        Assert.Equal(0, await _store.StoreSentenceVectorsAsync([(chunk with { Text = "Another text." }, Encoded())], CancellationToken.None));
        Assert.Equal(0, await _store.StoreSentenceVectorsAsync([(await OnlyChunkAsync(with), Encoded())], CancellationToken.None));
        Assert.Equal(1, await _store.StoreSentenceVectorsAsync([(chunk, Encoded())], CancellationToken.None));

        Assert.Empty(await _store.ReadChunksWithoutSentenceVectorsAsync(0, 10, CancellationToken.None));
        Assert.Equal(Encoded(), Assert.Single(await _store.GetChunksWithSentenceVectorsAsync([chunk.Id], CancellationToken.None)).SentenceVectors!.Encoded.ToArray());
    }

    private async Task<Chunk> OnlyChunkAsync(SavedArticle saved) => Assert.Single(await _store.GetChunksAsync(saved.ChunkIds, CancellationToken.None));

    private ISchemaMigrator Migrator(SqlDatabase sql, params SqlMigration[] migrations) => sql switch
    {
        SqliteConnectionFactory sqlite => new SqliteMigrator(sqlite, migrations, _time),
        PostgresConnectionFactory postgres => new PostgresMigrator(postgres, migrations, _time, Microsoft.Extensions.Logging.Abstractions.NullLogger<PostgresMigrator>.Instance),
        _ => throw new InvalidOperationException(),
    };
}
