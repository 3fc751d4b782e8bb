using ChatBot.Retrieval.Storage;
using ChatBot.Retrieval.Storage.Sql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatBot.Digests.Storage;

public static class DigestStorageServiceCollectionExtensions
{
    /// <summary>
    /// The digest and feed stores of <c>Storage:Provider</c>, with their migration: on PostgreSQL they share the database
    /// (and its <c>articles</c> table) with every replica, so a slot or a feed poll is claimed by exactly one of them.
    /// </summary>
    public static IServiceCollection AddDigestStores(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        if (storage.IsSqlite)
        {
            services.TryAddSingleton<SqliteConnectionFactory>();
            services.AddSingleton(DigestSchema.Migration);
            services.TryAddSingleton<IDigestScheduleStore, SqliteDigestScheduleStore>();
            services.TryAddSingleton<IDigestPostLog, SqliteDigestPostLog>();
            services.TryAddSingleton<IFeedStore, SqliteFeedStore>();
            services.TryAddSingleton<IDigestArticleSource, SqliteDigestArticleSource>();
        }
        else
        {
            services.TryAddSingleton<PostgresConnectionFactory>();
            services.AddSingleton(PostgresDigestSchema.Migration);
            services.TryAddSingleton<IDigestScheduleStore, PostgresDigestScheduleStore>();
            services.TryAddSingleton<IDigestPostLog, PostgresDigestPostLog>();
            services.TryAddSingleton<IFeedStore, PostgresFeedStore>();
            services.TryAddSingleton<IDigestArticleSource, PostgresDigestArticleSource>();
        }

        return services;
    }
}
