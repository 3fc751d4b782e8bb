using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Slack;

public static class SlackServiceCollectionExtensions
{
    /// <summary>The Slack platform: on when Slack:BotToken is set.</summary>
    public static IServiceCollection AddSlack(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SlackOptions>().BindConfiguration(SlackOptions.SectionName);
        return services;
    }
}
