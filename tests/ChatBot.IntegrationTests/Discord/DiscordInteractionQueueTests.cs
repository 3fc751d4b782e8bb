using System.Text.Json;
using ChatBot.Core.Chat;
using ChatBot.Core.Conversations;
using ChatBot.Core.Events;
using ChatBot.Core.Retrieval;
using ChatBot.Discord;
using ChatBot.Discord.Interactions;
using ChatBot.IntegrationTests.Retrieval.Llm;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Moq;

namespace ChatBot.IntegrationTests.Discord;

/// <summary>The incoming interaction queue keeps the newest 256; what it drops is logged, never lost silently.</summary>
public sealed class DiscordInteractionQueueTests
{
    [Fact]
    public async Task OnDispatch_QueueFull_LogsTheDroppedInteraction()
    {
        var logs = new CapturingLoggerProvider();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Discord:Token"] = "token",
            ["Discord:ApplicationId"] = "123",
            ["Storage:DataDirectory"] = Path.GetTempPath(),
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(b => b.AddProvider(logs));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(Mock.Of<IChatCommandHandler>());
        services.AddSingleton(Mock.Of<IRetrievalService>());
        services.AddSingleton(Mock.Of<IEventDeduplicator>());
        services.AddSingleton(Mock.Of<IConversationStore>());
        services.AddDiscord(configuration);
        await using var provider = services.BuildServiceProvider();
        var dispatcher = provider.GetRequiredService<DiscordInteractionDispatcher>();

        // Nothing consumes the queue (the dispatcher is not running): the 257th interaction pushes out the first.
        for (var i = 1; i <= 257; i++)
        {
            using var interaction = JsonDocument.Parse($$"""{"id":"{{i}}","type":2}""");
            await dispatcher.OnDispatchAsync("INTERACTION_CREATE", interaction.RootElement, CancellationToken.None);
        }

        var dropped = Assert.Single(logs.Entries, e => e.EventId.Id == 1218);
        Assert.Equal(LogLevel.Warning, dropped.Level);
        Assert.Contains("interaction 1 ", dropped.Message, StringComparison.Ordinal);
    }
}
