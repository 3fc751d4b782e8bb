using System.Collections.Concurrent;
using ChatBot.Core.AutoSummaries;
using ChatBot.Core.Chat;
using ChatBot.Core.Conversations;
using ChatBot.Core.Events;
using ChatBot.Core.Model;
using ChatBot.Slack;
using ChatBot.Slack.Http;
using ChatBot.TestKit.Chat;
using ChatBot.TestKit.Slack;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Moq;

namespace ChatBot.IntegrationTests.Slack;

/// <summary>The Slack platform in a real host against the fake Slack, with a mocked command handler.</summary>
public sealed class SlackTestHost : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    public const string SigningSecret = "8f742231b10e8888abcd99yyyzzz85a5";

    private SlackTestHost(FakeSlackServer slack, IHost host, Mock<IChatCommandHandler> handler, ConcurrentQueue<ChatRequest> requests)
    {
        Slack = slack;
        Host = host;
        Handler = handler;
        Received = requests;
    }

    public FakeSlackServer Slack { get; }

    public IHost Host { get; }

    public Mock<IChatCommandHandler> Handler { get; }

    /// <summary>Every request the handler was given, in order.</summary>
    public ConcurrentQueue<ChatRequest> Received { get; }

    /// <summary>The channels with link summaries on.</summary>
    public InMemoryAutoSummaryChannels AutoSummaries { get; private init; } = null!;

    public Uri HttpBase => Host.Services.GetRequiredService<SlackHttpEndpoint>().Addresses[0];

    /// <summary>An answer citing one source, the way the command router composes it.</summary>
    public static ChatReply Answer(string text) => new(ReplyKind.Answer, text)
    {
        Citations = [new Citation(1, 42, "LeCun on DeepSeek R1", "seed:lecun.md", "https://example.invalid/lecun-r1", "quote", 0.9)],
        Actions = [new ReplyAction("sources", "Sources"), new ReplyAction("summarize:42", "Summarize source 1"), new ReplyAction("feedback:up", "👍"), new ReplyAction("feedback:down", "👎")],
    };

    public static async Task<SlackTestHost> StartAsync(
        bool socketMode = true, bool http = false, int connections = 1, Func<ChatRequest, ChatReply>? reply = null,
        IEventDeduplicator? deduplicator = null, IConversationStore? conversations = null, IReadOnlyDictionary<string, string?>? overrides = null,
        string? authError = null)
    {
        var slack = await FakeSlackServer.StartAsync();
        slack.AuthError = authError;
        var settings = new Dictionary<string, string?>
        {
            ["Slack:BotToken"] = "xoxb-test-token",
            ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl.AbsoluteUri,
            ["Slack:SocketConnections"] = connections.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Slack:ConnectionStaggerMilliseconds"] = "0",
            ["Slack:ReconnectDelayMilliseconds"] = "50",
            ["Slack:MinPostIntervalMilliseconds"] = "0",
            ["Slack:Admins:0"] = "UADMIN01",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        if (socketMode)
        {
            settings["Slack:AppToken"] = "xapp-1-test-token";
        }

        if (http)
        {
            settings["Slack:SigningSecret"] = SigningSecret;
            settings["Slack:HttpUrls"] = "http://127.0.0.1:0";
        }

        var requests = new ConcurrentQueue<ChatRequest>();
        var handler = new Mock<IChatCommandHandler>();
        handler.Setup(h => h.HandleAsync(It.IsAny<ChatRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((ChatRequest r, CancellationToken _) =>
            {
                requests.Enqueue(r);
                return reply?.Invoke(r) ?? Answer("LeCun said open models caught up [1].");
            });

        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton(handler.Object);
        builder.Services.AddSingleton(deduplicator ?? new InMemoryEventDeduplicator());
        builder.Services.AddSingleton(conversations ?? new InMemoryConversationStore());
        var autoSummaries = new InMemoryAutoSummaryChannels();
        builder.Services.AddSingleton<IAutoSummaryChannels>(autoSummaries);
        builder.Services.AddSingleton<AutoSummaryGate>();
        builder.Services.AddSlack(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync();
        return new SlackTestHost(slack, host, handler, requests) { AutoSummaries = autoSummaries };
    }

    public async ValueTask DisposeAsync()
    {
        using (var stop = new CancellationTokenSource(Timeout))
        {
            await Host.StopAsync(stop.Token);
        }

        Host.Dispose();
        await Slack.DisposeAsync();
    }
}
