using ChatBot.Core.Model;
using ChatBot.IntegrationTests.Retrieval.Storage.Sql;
using ChatBot.Retrieval.Embeddings;
using ChatBot.Retrieval.Index;
using ChatBot.Retrieval.Ingestion;
using ChatBot.Retrieval.Ingestion.Chunking;
using ChatBot.Retrieval.Ingestion.Files;
using ChatBot.Retrieval.Storage.Articles;
using ChatBot.Retrieval.Storage.Sql;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.IntegrationTests.Retrieval.Ingestion;

/// <summary>How ingestion fails: one source alone, and never with a write still running behind the caller's back.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Disposed in IAsyncLifetime.DisposeAsync.")]
public sealed class IngestionFailureTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly VectorIndex _index = new(MiniLmEmbeddingGenerator.Dimensions);
    private TestDatabase _database = null!;
    private SqlDatabase _sql = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(SqlDialect.Sqlite);
        await _database.MigrateAsync(_time);
        _sql = _database.Open();
    }

    public async Task DisposeAsync()
    {
        _index.Dispose();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task IngestFolder_StoreFailsOnOneFile_OthersAreStillIngested()
    {
        using var folder = new TempDirectory();
        foreach (var name in new[] { "a", "b", "c" })
        {
            await File.WriteAllTextAsync(Path.Combine(folder.Path, name + ".txt"), $"Article {name} is about rivers. Rivers carry water to the sea every day.");
        }

        // A real database error for b.txt only (as a full disk or a lost server would give).
        await _sql.ExecuteAsync(
            "CREATE TRIGGER fail_b BEFORE INSERT ON articles WHEN NEW.source LIKE '%b.txt' BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;", [], default);
        using var pipeline = Pipeline(TestDatabase.CreateArticleStore(_sql, _time), new FakeEmbeddingGenerator());

        var results = await pipeline.IngestFolderAsync("local", folder.Path, Path.GetFileName, CancellationToken.None);

        Assert.Equal([IngestOutcome.Added, IngestOutcome.Failed, IngestOutcome.Added], results.Select(r => r.Outcome));
        Assert.Contains("disk is full", results[1].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestDrafts_EncodeFailsWhileAGroupIsBeingWritten_ThrowsOnlyAfterThatWriteFinished()
    {
        var encodeFailing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var store = new GatedArticleStore(TestDatabase.CreateArticleStore(_sql, _time), encodeFailing.Task);
        var generator = new SecondCallFails(store.SaveStarted.Task, encodeFailing);

        // Without sentence vectors the second encode call is the second group's passages (with them, the first group's sentences).
        using var pipeline = Pipeline(store, generator, sentenceVectors: false);

        // One passage each: the first group is 64 articles, the second the rest.
        var drafts = Enumerable.Range(0, IngestionPipeline.EmbedGroupTexts + 6)
            .Select(i => new ArticleDraft($"test:{i}", $"River {i}", $"River number {i} flows north past town {i}."))
            .ToList();

        await Assert.ThrowsAsync<InvalidOperationException>(() => pipeline.IngestDraftsAsync(drafts, CancellationToken.None));

        Assert.True(store.FirstSaveFinished);
        var stored = await store.GetBySourceAsync("local", "test:0", CancellationToken.None);
        Assert.NotNull(stored);
        Assert.True(_index.Count >= IngestionPipeline.EmbedGroupTexts);
    }

    private IngestionPipeline Pipeline(IArticleStore store, IEmbeddingGenerator<string, Embedding<float>> generator, bool sentenceVectors = true) => new(
        store,
        _index,
        new Chunker(Options.Create(new ChunkingOptions())),
        generator,
        new FileArticleReader(Options.Create(new IngestionOptions())),
        NullLogger<IngestionPipeline>.Instance,
        options: Options.Create(new IngestionOptions { SentenceVectors = sentenceVectors }));

    /// <summary>Encodes the first group; on the second call waits until the first group's write has begun, then crashes.</summary>
    private sealed class SecondCallFails(Task firstWriteStarted, TaskCompletionSource failing) : FakeEmbeddingGenerator
    {
        private int _calls;

        public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref _calls) == 1)
            {
                return await base.GenerateAsync(values, options, cancellationToken);
            }

            await firstWriteStarted;
            failing.SetResult();
            throw new InvalidOperationException("The embedding model crashed.");
        }
    }
}
