using ChatBot.Core.Conversations;
using ChatBot.Core.Events;
using ChatBot.Core.Retrieval;
using ChatBot.Retrieval.Answers;
using ChatBot.Retrieval.Embeddings;
using ChatBot.Retrieval.Evaluation;
using ChatBot.Retrieval.Index;
using ChatBot.Retrieval.Ingestion;
using ChatBot.Retrieval.Ingestion.Chunking;
using ChatBot.Retrieval.Ingestion.Feeds;
using ChatBot.Retrieval.Ingestion.Files;
using ChatBot.Retrieval.Ingestion.Web;
using ChatBot.Retrieval.Libraries;
using ChatBot.Retrieval.Search;
using ChatBot.Retrieval.Search.Lexical;
using ChatBot.Retrieval.Stats;
using ChatBot.Retrieval.Storage;
using ChatBot.Retrieval.Storage.Articles;
using ChatBot.Retrieval.Storage.Conversations;
using ChatBot.Retrieval.Storage.Events;
using ChatBot.Retrieval.Storage.HttpCache;
using ChatBot.Retrieval.Storage.Leases;
using ChatBot.Retrieval.Storage.Sql;
using ChatBot.Retrieval.Summaries;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatBot.Retrieval;

public static class RetrievalServiceCollectionExtensions
{
    /// <summary>Storage, embeddings, ingestion, hybrid search, extractive answers and summaries, and the start-up indexer.</summary>
    public static IServiceCollection AddRetrieval(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => !o.IsPostgres || !string.IsNullOrWhiteSpace(o.ConnectionString), "Storage:ConnectionString is required when Storage:Provider is Postgres.")
            .ValidateOnStart();
        services.AddOptions<IngestionOptions>().BindConfiguration(IngestionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ChunkingOptions>().BindConfiguration(ChunkingOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => o.TargetWords <= o.MaxWords, "Chunking:TargetWords must not exceed Chunking:MaxWords.").ValidateOnStart();
        services.AddOptions<EmbeddingOptions>().BindConfiguration(EmbeddingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SearchOptions>().BindConfiguration(SearchOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        services.AddLibraries();
        services.AddStores(configuration);

        services.TryAddSingleton<IEmbeddingGenerator<string, Embedding<float>>, MiniLmEmbeddingGenerator>();
        services.TryAddSingleton(sp => new VectorIndex(
            MiniLmEmbeddingGenerator.Dimensions, storage.IsSqlite && storage.VectorFile ? sp.GetRequiredService<SqliteConnectionFactory>().BesideDatabase(".vectors") : null));
        services.TryAddSingleton<Chunker>();
        services.TryAddSingleton<FileArticleReader>();
        services.TryAddSingleton<GuardedHttpClient>();
        services.TryAddSingleton<IWebArticleFetcher, WebArticleFetcher>();
        services.TryAddSingleton<IFeedClient, HttpFeedClient>();
        services.TryAddSingleton<IngestionPipeline>();
        services.TryAddSingleton(sp => new SqliteLexicalSearch(
            sp.GetRequiredService<SqliteConnectionFactory>(),
            sp.GetRequiredService<IOptions<SearchOptions>>(),
            storage.ColdStartSnapshots ? sp.GetRequiredService<SqliteConnectionFactory>().BesideDatabase(".lexical") : null));
        services.TryAddSingleton<PostgresLexicalSearch>();
        services.TryAddSingleton<HybridSearcher>();
        services.TryAddSingleton<ExtractiveAnswerer>();
        services.TryAddSingleton<ExtractiveSummarizer>();
        services.TryAddSingleton<ArticleLookup>();
        services.TryAddSingleton<RetrievalService>();
        services.TryAddSingleton<IArticleReader, ArticleReader>();
        services.TryAddSingleton<EvaluationRunner>();
        services.TryAddSingleton<AnswererTrainer>();
        services.TryAddSingleton<IRetrievalService>(sp => sp.GetRequiredService<RetrievalService>());
        services.AddHostedService<IndexStartupService>();
        services.TryAddSingleton<SentenceVectorEncoder>();
        services.TryAddSingleton<SentenceVectorBackfill>();
        services.AddHostedService(sp => sp.GetRequiredService<SentenceVectorBackfill>());
        services.AddStats();
        if (!storage.IsSqlite)
        {
            services.AddPostgresChangePoll();
        }

        return services;
    }
}
