using ChatBot.Core.Chat;
using ChatBot.Core.Conversations;
using ChatBot.Core.Platforms;
using ChatBot.Slack.Api;
using ChatBot.Slack.Http;
using ChatBot.Slack.Inbound;
using ChatBot.Slack.Socket;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatBot.Slack;

public static class SlackServiceCollectionExtensions
{
    /// <summary>The Slack platform: on when Slack:BotToken is set (Socket Mode with Slack:AppToken, HTTP with Slack:SigningSecret + Slack:HttpUrls).</summary>
    public static IServiceCollection AddSlack(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SlackOptions>().BindConfiguration(SlackOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SlackOptions>, SlackOptionsValidator>());

        var slack = configuration.GetSection(SlackOptions.SectionName).Get<SlackOptions>() ?? new SlackOptions();
        if (!slack.Enabled)
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PlatformStatus>();
        services.AddHttpClient(SlackApiClient.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<SlackApiClient>();
        services.AddSingleton<SlackPostThrottle>();
        services.AddSingleton<SlackIdentity>();
        services.AddSingleton<SlackInbox>();
        services.AddSingleton<SlackThreadReader>();
        services.AddSingleton<SlackRequestProcessor>();
        services.AddSingleton<SlackSocketModeClient>();
        services.AddSingleton<SlackRequestVerifier>();
        services.AddSingleton<SlackHttpEndpoint>();
        services.AddSingleton<SlackChatPublisher>();
        services.AddSingleton<IChatPublisher>(sp => sp.GetRequiredService<SlackChatPublisher>());
        services.AddHostedService<SlackPlatformService>();
        return services;
    }
}
