using ChatBot.Core.Chat;
using ChatBot.Core.Platforms;
using ChatBot.Discord.Gateway;
using ChatBot.Discord.Http;
using ChatBot.Discord.Interactions;
using ChatBot.Discord.Messages;
using ChatBot.Discord.Rest;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Discord;

public static class DiscordServiceCollectionExtensions
{
    /// <summary>The Discord platform: on when Discord:Token is set (options are validated at start either way).</summary>
    public static IServiceCollection AddDiscord(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DiscordOptions>()
            .BindConfiguration(DiscordOptions.SectionName)
            .PostConfigure(o => o.DataDirectory ??= configuration["Storage:DataDirectory"] ?? "data")
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DiscordOptions>, DiscordOptionsValidator>());

        var options = configuration.GetSection(DiscordOptions.SectionName).Get<DiscordOptions>() ?? new DiscordOptions();
        if (!options.Enabled)
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PlatformStatus>();
        services.AddHttpClient(DiscordRestClient.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<DiscordRateLimiter>();
        services.AddSingleton(sp => new DiscordRestClient(
            sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetRequiredService<IOptions<DiscordOptions>>(),
            sp.GetRequiredService<DiscordRateLimiter>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<DiscordRestClient>>()));
        services.AddSingleton<DiscordApi>();
        services.AddSingleton<DiscordIdentifyScheduler>();
        services.AddSingleton<DiscordShards>();
        services.AddSingleton<DiscordCommandRegistrar>();
        services.AddSingleton<DiscordWorkQueue>();
        services.AddSingleton<DiscordQueueAdmission>();
        services.AddSingleton<DiscordAutocomplete>();
        services.AddSingleton<DiscordInteractionDispatcher>();
        services.AddSingleton<DiscordLinkSummaries>();
        if (!string.IsNullOrWhiteSpace(options.InteractionsUrl))
        {
            services.AddSingleton<DiscordSignatureVerifier>();
            services.AddSingleton<DiscordInteractionsEndpoint>();
        }

        services.AddSingleton<DiscordFollowUps>();
        services.AddSingleton<DiscordDispatchRouter>();
        services.AddSingleton<DiscordChatPublisher>();
        services.AddSingleton<IChatPublisher>(sp => sp.GetRequiredService<DiscordChatPublisher>());
        services.AddHostedService<DiscordPlatformService>();
        return services;
    }
}
