using System.Globalization;
using ChatBot.Digests.Feeds;
using ChatBot.Digests.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatBot.Digests;

public static class DigestServiceCollectionExtensions
{
    /// <summary>Digest and feed stores, composer, scheduler, poller and chat and chat commands.</summary>
    public static IServiceCollection AddDigests(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(DigestOptions.SectionName);
        services.AddOptions<DigestOptions>()
            .BindConfiguration(DigestOptions.SectionName)
            .Configure(o => o.Schedules.AddRange(ListedSchedules(section)))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DigestOptions>, DigestOptionsValidator>());
        services.AddOptions<FeedOptions>().BindConfiguration(FeedOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddDigestStores(configuration);
        services.TryAddSingleton<DigestComposer>();
        services.TryAddSingleton<IFeedItemIngestor, FeedItemIngestor>();
        services.TryAddSingleton<DigestScheduler>();
        services.TryAddSingleton<FeedPoller>();
        services.TryAddSingleton<DigestCommands>();
        services.TryAddSingleton<DigestStatus>();
        return services;
    }

    /// <summary>The digest scheduler and the feed poller (long-running bot only).</summary>
    public static IServiceCollection AddDigestServices(this IServiceCollection services)
    {
        services.AddHostedService<DigestSchedulerService>();
        services.AddHostedService<FeedPollerService>();
        return services;
    }

    /// <summary>The <c>Digests</c> section may also be a bare list: <c>"Digests": [ { "Platform": ... } ]</c>.</summary>
    private static IEnumerable<DigestScheduleEntry> ListedSchedules(IConfigurationSection section) =>
        section.GetChildren()
            .Where(c => int.TryParse(c.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .Select(c => c.Get<DigestScheduleEntry>())
            .OfType<DigestScheduleEntry>()
            .ToList();
}
