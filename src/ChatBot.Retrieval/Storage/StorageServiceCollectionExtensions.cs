using ChatBot.Core.AutoSummaries;
using ChatBot.Core.Conversations;
using ChatBot.Core.Events;
using ChatBot.Core.Libraries;
using ChatBot.Retrieval.Index;
using ChatBot.Retrieval.Storage.Articles;
using ChatBot.Retrieval.Storage.AutoSummaries;
using ChatBot.Retrieval.Storage.Conversations;
using ChatBot.Retrieval.Storage.Events;
using ChatBot.Retrieval.Storage.HttpCache;
using ChatBot.Retrieval.Storage.Leases;
using ChatBot.Retrieval.Storage.Sql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatBot.Retrieval.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// The database of <c>Storage:Provider</c> (<see cref="SqlDatabase"/>) and its migration runner. Every feature that
    /// keeps tables registers its own <see cref="SqlMigration"/>; the start-up indexer applies them in registration order.
    /// </summary>
    public static IServiceCollection AddSqlDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        if (storage.IsSqlite)
        {
            services.TryAddSingleton<SqliteConnectionFactory>();
            services.TryAddSingleton<SqlDatabase>(sp => sp.GetRequiredService<SqliteConnectionFactory>());
            services.TryAddSingleton<ISchemaMigrator, SqliteMigrator>();
        }
        else
        {
            services.TryAddSingleton<PostgresConnectionFactory>();
            services.TryAddSingleton<SqlDatabase>(sp => sp.GetRequiredService<PostgresConnectionFactory>());
            services.TryAddSingleton<ISchemaMigrator, PostgresMigrator>();
        }

        return services;
    }

    /// <summary>The article store of the dialect, and the event deduplicator, lease store, conversation turns and HTTP validators, each with its migration.</summary>
    public static IServiceCollection AddStores(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSqlDatabase(configuration);
        services.AddSingleton(ArticleStore.Migration);

        services.AddSingleton(ArticleStore.LibrariesMigration(DefaultLibrary(configuration)));
        services.AddSingleton(ArticleStore.SentenceVectorsMigration);
        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        if (storage.IsSqlite)
        {
            services.TryAddSingleton<IArticleStore, SqliteArticleStore>();
        }
        else
        {
            services.TryAddSingleton<PostgresArticleStore>();
            services.TryAddSingleton<IArticleStore>(sp => sp.GetRequiredService<PostgresArticleStore>());
        }

        services.AddSingleton(EventDeduplicator.Migration);
        services.TryAddSingleton<IEventDeduplicator, EventDeduplicator>();
        services.AddSingleton(LeaseStore.Migration);
        services.AddSingleton(LeaseStore.TextTimes);
        services.TryAddSingleton<ILeaseStore, LeaseStore>();
        services.AddSingleton(ConversationStore.Migration);
        services.AddSingleton(ConversationStore.LibrariesMigration(DefaultLibrary(configuration)));
        services.TryAddSingleton<IConversationStore, ConversationStore>();
        services.AddSingleton(HttpValidatorStore.Migration);
        services.TryAddSingleton<IHttpValidatorStore, HttpValidatorStore>();
        services.AddSingleton(AutoSummaryChannelStore.Migration);
        services.TryAddSingleton<IAutoSummaryChannels, AutoSummaryChannelStore>();
        services.TryAddSingleton<AutoSummaryGate>();
        return services;
    }

    /// <summary>
    /// <c>Libraries:Default</c> as the library-column migrations read it (they are registered before options exist). An
    /// invalid name stops start-up (options validation) before any migration runs; here it falls back to "local".
    /// </summary>
    public static string DefaultLibrary(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var name = configuration[LibraryOptions.SectionName + ":" + nameof(LibraryOptions.Default)];
        return LibraryNames.IsValidReference(name) ? name! : LibraryNames.Local;
    }

    /// <summary>After the start-up indexer (hosted services start in registration order).</summary>
    public static IServiceCollection AddPostgresChangePoll(this IServiceCollection services)
    {
        services.TryAddSingleton<ArticleChangePollService>();
        services.AddHostedService(sp => sp.GetRequiredService<ArticleChangePollService>());
        return services;
    }
}
