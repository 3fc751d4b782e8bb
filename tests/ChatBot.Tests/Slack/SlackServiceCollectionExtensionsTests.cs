using ChatBot.Core.Chat;
using ChatBot.Core.Conversations;
using ChatBot.Core.Events;
using ChatBot.Slack;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Moq;

namespace ChatBot.Tests.Slack;

public sealed class SlackServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings) => Services(settings).BuildServiceProvider();

    internal static ServiceCollection Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton(Mock.Of<IChatCommandHandler>());
        services.AddSingleton(Mock.Of<IEventDeduplicator>());
        services.AddSingleton(Mock.Of<IConversationStore>());
        services.AddSingleton(Mock.Of<IHostApplicationLifetime>());
        services.AddSlack(configuration);
        return services;
    }

    [Fact]
    public void AddSlack_NoBotToken_NoPlatformRegistered()
    {
        using var provider = Build([]);

        Assert.Empty(provider.GetServices<IHostedService>());
        Assert.False(provider.GetRequiredService<IOptions<SlackOptions>>().Value.Enabled);
    }

    [Fact]
    public void AddSlack_BotTokenWithoutAppTokenOrHttp_FailsNamingTheKey()
    {
        using var provider = Build(new() { ["Slack:BotToken"] = "xoxb-1" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SlackOptions>>().Value);
        Assert.Contains("Slack:AppToken", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddSlack_SocketConnectionsOutOfRange_Fails()
    {
        using var provider = Build(new() { ["Slack:BotToken"] = "xoxb-1", ["Slack:AppToken"] = "xapp-1", ["Slack:SocketConnections"] = "11" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SlackOptions>>().Value);
        Assert.Contains("SocketConnections", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddSlack_SocketModeConfigured_RegistersPlatformAndPublisher()
    {
        using var provider = Build(new() { ["Slack:BotToken"] = "xoxb-1", ["Slack:AppToken"] = "xapp-1" });

        Assert.True(provider.GetRequiredService<IOptions<SlackOptions>>().Value.SocketModeEnabled);
        Assert.Single(provider.GetServices<IHostedService>().OfType<SlackPlatformService>());
        Assert.Single(provider.GetServices<ChatBot.Core.Chat.IChatPublisher>(), p => p.Platform == "slack");
    }
}
