using ChatBot.Core.Conversations;
using ChatBot.Core.Events;
using ChatBot.Retrieval.Index;
using ChatBot.Retrieval.Storage.Articles;
using ChatBot.Retrieval.Storage.Conversations;
using ChatBot.Retrieval.Storage.Events;
using ChatBot.Retrieval.Storage.HttpCache;
using ChatBot.Retrieval.Storage.Leases;
using ChatBot.Retrieval.Storage.Sql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatBot.Retrieval.Storage;

public static class PostgresServiceCollectionExtensions
{
    /// <summary>The PostgreSQL article store, event deduplicator, lease store and conversation turns, and the change poll that keeps this replica's vector index current.</summary>
    public static IServiceCollection AddPostgresStorage(this IServiceCollection services)
    {
        services.TryAddSingleton<PostgresConnectionFactory>();
        services.TryAddSingleton<PostgresArticleStore>();
        services.TryAddSingleton<IArticleStore>(sp => sp.GetRequiredService<PostgresArticleStore>());
        services.AddSingleton(PostgresEventDeduplicator.Migration);
        services.TryAddSingleton<IEventDeduplicator, PostgresEventDeduplicator>();
        services.AddSingleton(PostgresLeaseStore.Migration);
        services.TryAddSingleton<ILeaseStore, PostgresLeaseStore>();
        services.AddSingleton(PostgresConversationStore.Migration);
        services.TryAddSingleton<IConversationStore, PostgresConversationStore>();
        services.AddSingleton(PostgresHttpValidatorStore.Migration);
        services.TryAddSingleton<IHttpValidatorStore, PostgresHttpValidatorStore>();
        return services;
    }

    /// <summary>After the start-up indexer (hosted services start in registration order).</summary>
    public static IServiceCollection AddPostgresChangePoll(this IServiceCollection services)
    {
        services.TryAddSingleton<ArticleChangePollService>();
        services.AddHostedService(sp => sp.GetRequiredService<ArticleChangePollService>());
        return services;
    }
}
