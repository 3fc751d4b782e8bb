using ChatBot.Discord;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChatBot.IntegrationTests.Discord;

public sealed class DiscordHostTests : IDisposable
{
    private readonly BotHost _bot = new();

    public void Dispose() => _bot.Dispose();

    private IHost Build(params string[] args) => _bot.Build(args);

    [Fact]
    public async Task Start_TokenWithoutApplicationId_FailsNamingTheKey()
    {
        using var host = Build("--Discord:Token=abc", "--Discord:ShardId=3", "--Discord:ShardCount=2");

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Discord:ApplicationId", error.Message, StringComparison.Ordinal);
        Assert.Contains("Discord:ShardId", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WithToken_RegistersPlatformAndPublisher()
    {
        using var host = Build("--Discord:Token=abc", "--Discord:ApplicationId=1100000000000000001");

        Assert.Single(host.Services.GetServices<IHostedService>().OfType<DiscordPlatformService>());
        Assert.Contains(host.Services.GetServices<ChatBot.Core.Chat.IChatPublisher>(), p => p.Platform == "discord");
    }

    [Fact]
    public void Build_WithoutToken_HasNoDiscordPlatform()
    {
        using var host = Build();

        Assert.Empty(host.Services.GetServices<IHostedService>().OfType<DiscordPlatformService>());
    }
}
