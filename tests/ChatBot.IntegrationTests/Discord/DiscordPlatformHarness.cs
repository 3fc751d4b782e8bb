using System.Collections.Concurrent;
using ChatBot.Core.AutoSummaries;
using ChatBot.Core.Chat;
using ChatBot.Core.Conversations;
using ChatBot.Core.Events;
using ChatBot.Core.Model;
using ChatBot.Core.Retrieval;
using ChatBot.Discord;
using ChatBot.IntegrationTests.Retrieval.Llm;
using ChatBot.TestKit.Chat;
using ChatBot.TestKit.Discord;
using ChatBot.TestKit.Slack;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Moq;

namespace ChatBot.IntegrationTests.Discord;

/// <summary>The Discord platform (AddDiscord) against a fake Discord, with a mocked command handler and retrieval.</summary>
public sealed class DiscordPlatformHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly DiscordPlatformService _platform;
    private TempDirectory? _ownData;

    private DiscordPlatformHarness(FakeDiscordServer server, ServiceProvider services, Mock<IChatCommandHandler> handler, Mock<IRetrievalService> retrieval, InMemoryConversationStore conversations)
    {
        Conversations = conversations;
        Server = server;
        _services = services;
        Handler = handler;
        Retrieval = retrieval;
        _platform = services.GetServices<IHostedService>().OfType<DiscordPlatformService>().Single();
    }

    public FakeDiscordServer Server { get; }

    public Mock<IChatCommandHandler> Handler { get; }

    public Mock<IRetrievalService> Retrieval { get; }

    public ConcurrentQueue<ChatRequest> HandledRequests { get; } = new();

    /// <summary>The conversation turns the platform stored.</summary>
    public InMemoryConversationStore Conversations { get; }

    /// <summary>Warnings and worse the platform logged.</summary>
    public CapturingLoggerProvider Logs { get; private init; } = null!;

    /// <summary>The channels with link summaries on.</summary>
    public InMemoryAutoSummaryChannels AutoSummaries { get; private init; } = null!;

    public Task? Execution => _platform.ExecuteTask;

    public IServiceProvider Services => _services;

    public static async Task<DiscordPlatformHarness> StartAsync(
        FakeDiscordServer server, Func<ChatRequest, ChatReply>? reply = null, string? dataDirectory = null, bool start = true, IEventDeduplicator? deduplicator = null,
        IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var ownData = dataDirectory is null ? new TempDirectory() : null;
        var settings = new Dictionary<string, string?>
        {
            ["Discord:Token"] = FakeDiscordServer.BotToken,
            ["Discord:ApplicationId"] = FakeDiscordServer.ApplicationId,
            ["Discord:ApiBaseUrl"] = server.ApiBaseUrl,
            ["Discord:DataDirectory"] = dataDirectory ?? ownData!.Path,
            ["Discord:ReconnectDelayMilliseconds"] = "10",
            ["Discord:MaxReconnectDelayMilliseconds"] = "100",
            ["Discord:IdentifySpacingMilliseconds"] = "0",
            ["Discord:RetryDelayMilliseconds"] = "10",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        var handler = new Mock<IChatCommandHandler>();
        var retrieval = new Mock<IRetrievalService>();
        retrieval.Setup(r => r.ListArticlesAsync("discord:" + DiscordPayloads.GuildId, It.IsAny<CancellationToken>())).ReturnsAsync(
        [
            new Article(1, "a.md", "Open source models", null, null, null, DateTimeOffset.UnixEpoch, "h1", 3),
            new Article(2, "b.md", "DeepSeek R1 explained", "https://example.invalid/r1", null, null, DateTimeOffset.UnixEpoch, "h2", 5),
        ]);

        var services = new ServiceCollection();
        var logs = new CapturingLoggerProvider();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning).AddProvider(logs));
        services.AddSingleton<IConfiguration>(config);
        services.AddSingleton(handler.Object);
        services.AddSingleton(retrieval.Object);
        var conversations = new InMemoryConversationStore();
        var autoSummaries = new InMemoryAutoSummaryChannels();
        services.AddSingleton<IConversationStore>(conversations);
        if (deduplicator is null)
        {
            services.AddSingleton<IEventDeduplicator, InMemoryDeduplicator>();
        }
        else
        {
            services.AddSingleton(deduplicator);
        }

        services.AddSingleton<IAutoSummaryChannels>(autoSummaries);
        services.AddSingleton<AutoSummaryGate>();
        services.AddDiscord(config);
        var provider = services.BuildServiceProvider();
        var harness = new DiscordPlatformHarness(server, provider, handler, retrieval, conversations) { _ownData = ownData, AutoSummaries = autoSummaries, Logs = logs };
        handler.Setup(h => h.HandleAsync(It.IsAny<ChatRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((ChatRequest request, CancellationToken _) =>
            {
                harness.HandledRequests.Enqueue(request);
                return (reply ?? DefaultReply)(request);
            });
        if (start)
        {
            await harness._platform.StartAsync(CancellationToken.None);
        }

        return harness;
    }

    public static ChatReply DefaultReply(ChatRequest request) => new(ReplyKind.Answer, "Open models are catching up [1].")
    {
        Title = request.Argument,
        Citations =
        [
            new Citation(1, 2, "DeepSeek R1 explained", "b.md", "https://example.invalid/r1", "R1 is open.", 0.9),
            new Citation(2, 1, "Open source models", "a.md", null, "Models are open.", 0.7),
        ],
        Actions = [new ReplyAction("sources", "Sources"), new ReplyAction("summarize:2", "Summarize source 1"), new ReplyAction("feedback:up", "👍"), new ReplyAction("feedback:down", "👎")],
    };

    /// <summary>Waits for the gateway connection and its READY (IDENTIFY answered).</summary>
    public async Task<FakeGatewayConnection> ConnectedAsync()
    {
        var connection = await Server.NextConnectionAsync();
        await connection.WaitForOpAsync(2);
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _platform.StopAsync(timeout.Token);
        await _services.DisposeAsync();
        _ownData?.Dispose();
    }

    private sealed class InMemoryDeduplicator : IEventDeduplicator
    {
        private readonly ConcurrentDictionary<string, bool> _seen = new();

        public Task<bool> TryClaimAsync(string platform, string eventId, CancellationToken cancellationToken) =>
            Task.FromResult(_seen.TryAdd(platform + ":" + eventId, true));
    }
}
