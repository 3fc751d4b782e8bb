using ChatBot.Core.Chat;
using ChatBot.Digests;
using ChatBot.Discord;
using ChatBot.Retrieval;
using ChatBot.Retrieval.Embeddings;
using ChatBot.Retrieval.Llm;
using ChatBot.Slack;
using ChatBot.Worker.Commands;
using ChatBot.Worker.ConsolePlatform;
using ChatBot.Worker.Health;
using ChatBot.Worker.Stats;
using ChatBot.Worker.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatBot.Worker.Hosting;

/// <summary>How the host is composed. Configuration, lowest to highest: config/appsettings.json (shipped defaults),
/// ./appsettings.json, ./appsettings.{Environment}.json, environment variables (Discord__Token), then --Key=value arguments.</summary>
public static class ChatBotHost
{
    /// <param name="configurationArgs">"--Section:Key=value" overrides.</param>
    /// <param name="runPlatforms">True for the long-running bot; false for one-shot verbs (no chat platforms).</param>
    public static IHost Build(IReadOnlyList<string> configurationArgs, bool runPlatforms, ConsoleIo io, LogLevel minimumLevel)
    {
        ArgumentNullException.ThrowIfNull(io);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = Directory.GetCurrentDirectory(),
            EnvironmentName = EnvironmentName,
        });

        AddSources(builder.Configuration, configurationArgs, builder.Environment.EnvironmentName);

        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Logging.AddProvider(new WriterLoggerProvider(io.Diagnostics));
        // At the console prompt, Information lines would land in the conversation: only warnings show there (-v: all).
        var consolePrompt = runPlatforms && !ChatPlatformConfigured(builder.Configuration);
        builder.Logging.SetMinimumLevel(consolePrompt && minimumLevel == LogLevel.Information ? LogLevel.Warning : minimumLevel);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http", LogLevel.Warning);

        builder.Services.AddSingleton(io);
        builder.Services
            .AddRetrieval(builder.Configuration)
            .AddLlm(builder.Configuration)
            .AddWorker(builder.Configuration);

        if (runPlatforms)
        {
            builder.Services
                .AddDiscord(builder.Configuration)
                .AddSlack(builder.Configuration)
                .AddConsolePlatformWhenNoOther(builder.Configuration)
                .AddDigestServices()
                .AddHostedService<EmbeddingWarmUp>()
                .AddHealthEndpoint(builder.Configuration)
                .AddTelemetry(builder.Configuration);
        }

        return builder.Build();
    }

    /// <summary>The configuration sources, lowest priority first (also read by the `health` verb without a host).</summary>
    public static IConfigurationBuilder AddSources(IConfigurationBuilder configuration, IReadOnlyList<string> configurationArgs, string environmentName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(configurationArgs);
        return configuration
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "config", "appsettings.json"), optional: true, reloadOnChange: false)
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true, reloadOnChange: false)
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), $"appsettings.{environmentName}.json"), optional: true, reloadOnChange: false)
            .AddEnvironmentVariables()
            .AddCommandLine(configurationArgs.ToArray());
    }

    public static string EnvironmentName => Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environments.Production;

    public static IServiceCollection AddWorker(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton<QuestionRecorder>();
        services.TryAddSingleton<StatsCommand>();
        services.AddSingleton<CommandRouter>();
        services.AddSingleton<IChatCommandHandler>(sp => sp.GetRequiredService<CommandRouter>());
        services.AddDigests(configuration);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChatPublisher, ConsoleChatPublisher>());
        return services;
    }

    /// <summary>With no chat platform on, the bot talks on the console.</summary>
    public static IServiceCollection AddConsolePlatformWhenNoOther(this IServiceCollection services, IConfiguration configuration)
    {
        if (!ChatPlatformConfigured(configuration))
        {
            services.AddHostedService<ConsolePlatformService>();
        }

        return services;
    }

    /// <summary>True when Discord or Slack has a token (else the console platform runs).</summary>
    public static bool ChatPlatformConfigured(IConfiguration configuration)
    {
        var discord = configuration.GetSection(DiscordOptions.SectionName).Get<DiscordOptions>() ?? new DiscordOptions();
        var slack = configuration.GetSection(SlackOptions.SectionName).Get<SlackOptions>() ?? new SlackOptions();
        return discord.Enabled || slack.Enabled;
    }
}
