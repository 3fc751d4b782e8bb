using ChatBot.Retrieval.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatBot.Digests.Storage;

public static class DigestStorageServiceCollectionExtensions
{
    /// <summary>
    /// The digest and feed stores of <c>Storage:Provider</c>, with their migration: on PostgreSQL they share the database
    /// (and its <c>articles</c> table) with every replica, so a slot or a feed poll is claimed by exactly one of them.
    /// Feeds, schedules and posts carry their library.
    /// </summary>
    public static IServiceCollection AddDigestStores(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSqlDatabase(configuration);
        services.AddSingleton(DigestSchema.Migration);
        services.AddSingleton(DigestSchema.LibrariesMigration(StorageServiceCollectionExtensions.DefaultLibrary(configuration)));
        services.TryAddSingleton<IDigestScheduleStore, DigestScheduleStore>();
        services.TryAddSingleton<IDigestPostLog, DigestPostLog>();
        services.TryAddSingleton<IFeedStore, FeedStore>();
        services.TryAddSingleton<IDigestArticleSource, DigestArticleSource>();
        return services;
    }
}
