using ChatBot.Core.Platforms;
using ChatBot.Worker.Status;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatBot.Worker.Health;

public static class HealthServiceCollectionExtensions
{
    /// <summary>GET /health on Health:Urls (and the status page at GET / when enabled); nothing at all when that key is empty.</summary>
    public static IServiceCollection AddHealthEndpoint(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration[$"{HealthOptions.SectionName}:{nameof(HealthOptions.Urls)}"]))
        {
            return services;
        }

        services.AddOptions<HealthOptions>().BindConfiguration(HealthOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => o.AreUrlsValid, "Health:Urls must be http:// URLs separated by ';' (e.g. http://127.0.0.1:8080).").ValidateOnStart();
        services.TryAddSingleton<PlatformStatus>();
        services.AddHostedService<HealthEndpointService>();
        if (configuration.GetValue<bool>($"{StatusPageOptions.SectionName}:{nameof(StatusPageOptions.Enabled)}"))
        {
            services.AddOptions<StatusPageOptions>().BindConfiguration(StatusPageOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
            services.TryAddSingleton<StatusSnapshotReader>();
            services.TryAddSingleton<StatusPage>();
        }

        return services;
    }
}
