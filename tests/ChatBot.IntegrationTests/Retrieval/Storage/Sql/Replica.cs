using ChatBot.Retrieval.Embeddings;
using ChatBot.Retrieval.Index;
using ChatBot.Retrieval.Ingestion;
using ChatBot.Retrieval.Ingestion.Chunking;
using ChatBot.Retrieval.Ingestion.Files;
using ChatBot.Retrieval.Search;
using ChatBot.Retrieval.Search.Lexical;
using ChatBot.Retrieval.Storage;
using ChatBot.Retrieval.Storage.Articles;
using ChatBot.Retrieval.Storage.Events;
using ChatBot.Retrieval.Storage.Leases;
using ChatBot.Retrieval.Storage.Sql;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatBot.IntegrationTests.Retrieval.Storage.Sql;

/// <summary>What one worker process holds: its own pool, store, in-memory vector and BM25 indexes, pipeline and change poll.</summary>
public sealed class Replica : IAsyncDisposable
{
    public Replica(string connectionString, TimeProvider time)
    {
        var storage = Options.Create(new StorageOptions { Provider = "Postgres", ConnectionString = connectionString });
        Connections = StoreFactory.Connections(connectionString);
        Lexical = new PostgresLexicalSearch(Connections, Options.Create(new SearchOptions()));
        Store = new PostgresArticleStore(Connections, time, Lexical);
        Migrator = TestDatabase.Migrator(Connections, time, EventDeduplicator.Migration, LeaseStore.Migration);
        Index = new VectorIndex(MiniLmEmbeddingGenerator.Dimensions);
        Pipeline = new IngestionPipeline(
            Store,
            Index,
            new Chunker(Options.Create(new ChunkingOptions())),
            new HashingEmbeddingGenerator(),
            new FileArticleReader(Options.Create(new IngestionOptions())),
            NullLogger<IngestionPipeline>.Instance);
        Poll = new ArticleChangePollService(Store, Index, storage, time, NullLogger<ArticleChangePollService>.Instance, Lexical);
    }

    public PostgresConnectionFactory Connections { get; }

    public PostgresArticleStore Store { get; }

    public ISchemaMigrator Migrator { get; }

    public VectorIndex Index { get; }

    /// <summary>Not loaded by <see cref="StartAsync"/> (ts_rank answers until a search starts its load, as at start-up).</summary>
    public PostgresLexicalSearch Lexical { get; }

    public IngestionPipeline Pipeline { get; }

    public ArticleChangePollService Poll { get; }

    /// <summary>As IndexStartupService does: migrate, then load the vectors.</summary>
    public async Task StartAsync()
    {
        await Migrator.MigrateAsync(CancellationToken.None);
        await Pipeline.LoadIndexAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        Poll.Dispose();
        Lexical.Dispose();
        Index.Dispose();
        await Connections.DisposeAsync();
    }
}
