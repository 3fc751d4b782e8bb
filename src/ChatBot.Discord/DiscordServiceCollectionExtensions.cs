using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Discord;

public static class DiscordServiceCollectionExtensions
{
    /// <summary>The Discord platform: on when Discord:Token is set.</summary>
    public static IServiceCollection AddDiscord(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DiscordOptions>().BindConfiguration(DiscordOptions.SectionName);
        return services;
    }
}
