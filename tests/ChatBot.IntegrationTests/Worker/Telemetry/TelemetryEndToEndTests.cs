using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using ChatBot.Core.Telemetry;
using ChatBot.IntegrationTests.Libraries;
using ChatBot.TestKit.Discord;
using ChatBot.Worker.ConsolePlatform;
using ChatBot.Worker.Health;
using ChatBot.Worker.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ChatBot.IntegrationTests.Worker.Telemetry;

/// <summary>
/// The real host (real retrieval over seeds/) against the fake Discord, with the health listener on loopback: a scripted
/// conversation is counted with the right tags, each request is one trace from the platform event to the posted reply,
/// and Prometheus reads the same counts at /metrics.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class TelemetryEndToEndTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private const string EditTemplate = "/webhooks/{webhook_id}/{webhook_token}/messages/@original";
    private readonly TempDirectory _data = new();
    private readonly List<Metric> _metrics = [];
    private readonly SpanRecorder _recorder = new();
    private readonly MeterProvider _meterProvider;
    private readonly TracerProvider _tracerProvider;

    public TelemetryEndToEndTests()
    {
        _meterProvider = Sdk.CreateMeterProviderBuilder().AddMeter(ChatTelemetry.Name).AddInMemoryExporter(_metrics).Build();
        _tracerProvider = Sdk.CreateTracerProviderBuilder().AddSource(ChatTelemetry.Name).AddProcessor(_recorder).Build();
    }

    public void Dispose()
    {
        _meterProvider.Dispose();
        _tracerProvider.Dispose();
        SqliteConnection.ClearAllPools();
        _data.Dispose();
    }

    [Fact]
    public async Task ScriptedConversation_CountedByOutcome_TracedFromEventToReply_ScrapedAtMetrics()
    {
        await using var discord = await FakeDiscordServer.StartAsync();
        using var host = ChatBotHost.Build(
            [$"--Storage:DataDirectory={_data.Path}", .. SeedLibrary.Settings,
                "--Discord:Token=" + FakeDiscordServer.BotToken, "--Discord:ApplicationId=" + FakeDiscordServer.ApplicationId,
                "--Discord:ApiBaseUrl=" + discord.ApiBaseUrl, "--Health:Urls=http://127.0.0.1:0"],
            runPlatforms: true,
            new ConsoleIo(TextReader.Null, TextWriter.Null),
            LogLevel.Warning);
        await host.StartAsync();
        try
        {
            var connection = await discord.NextConnectionAsync(Timeout);
            await connection.WaitForOpAsync(2);

            // One answered question, one the articles cannot answer, one search.
            await AskAsync(connection, discord, "3300000000000000801", "ask", "What did Yann LeCun say about DeepSeek R1?");
            await AskAsync(connection, discord, "3300000000000000802", "ask", "What is the recipe of Zanzibar quokka marmalade?");
            await AskAsync(connection, discord, "3300000000000000803", "search", "open source models", option: "query");

            _meterProvider.ForceFlush();
            Assert.Equal(1, Count("chatbot.requests", "discord", "ask", "answered"));
            Assert.Equal(1, Count("chatbot.requests", "discord", "ask", "abstained"));
            Assert.Equal(1, Count("chatbot.requests", "discord", "search", "answered"));
            Assert.Equal(1, Count("chatbot.request.duration", "discord", "ask", "answered"));

            // A request's span ends just after its reply is posted: wait for the three to end.
            var spans = await _recorder.WaitAsync(s => s.Count(a => a.OperationName == "chat.request") == 3, Timeout);
            var roots = spans.Where(s => s.OperationName == "chat.request").ToList();
            var answered = Assert.Single(roots, r => (string?)r.GetTagItem("chatbot.outcome") == "answered" && (string?)r.GetTagItem("chatbot.command") == "ask");
            Assert.Equal("discord", answered.GetTagItem("chatbot.platform"));
            Assert.Equal(default, answered.ParentSpanId);
            var children = spans.Where(s => s.TraceId == answered.TraceId && s.ParentSpanId == answered.SpanId).Select(s => s.OperationName).ToList();
            Assert.Contains("chat.search", children);
            Assert.Contains("chat.answer", children);
            Assert.Contains("chat.post", children);
            var post = spans.Single(s => s.TraceId == answered.TraceId && s.OperationName == "chat.post");
            Assert.True(post.StartTimeUtc >= spans.Single(s => s.TraceId == answered.TraceId && s.OperationName == "chat.answer").StartTimeUtc);

            var health = host.Services.GetServices<IHostedService>().OfType<HealthEndpointService>().Single();
            using var http = new HttpClient();
            var scrape = await http.GetStringAsync(new Uri(new Uri(health.BoundUrls[0]), "/metrics"));
            Assert.Contains("chatbot_requests_total{", scrape, StringComparison.Ordinal);
            Assert.Matches("chatbot_requests_total\\{[^}]*command=\"ask\"[^}]*outcome=\"abstained\"[^}]*platform=\"discord\"[^}]*\\} 1", scrape);
            Assert.Contains("chatbot_request_duration_seconds_bucket{", scrape, StringComparison.Ordinal);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    /// <summary>Dispatches a slash command and waits until its deferred reply is edited with the answer.</summary>
    private static async Task AskAsync(FakeGatewayConnection connection, FakeDiscordServer discord, string id, string command, string text, string option = "question")
    {
        await connection.DispatchAsync("INTERACTION_CREATE", FakeDiscordServer.Interaction(
            id, command, [new JsonObject { ["name"] = option, ["type"] = 3, ["value"] = text }]));
        await discord.WaitForRequestAsync(r => r.Method == "PATCH" && r.Template == EditTemplate && r.Path.Contains("tok-" + id, StringComparison.Ordinal), Timeout);
    }

    /// <summary>The sum (a counter) or count (a histogram) of the metric's point with exactly these tags.</summary>
    private long Count(string name, string platform, string command, string outcome)
    {
        long total = 0;
        foreach (var metric in _metrics.Where(m => m.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var tags = new Dictionary<string, object?>();
                foreach (var tag in point.Tags)
                {
                    tags[tag.Key] = tag.Value;
                }

                if (Equals(tags.GetValueOrDefault("platform"), platform) && Equals(tags.GetValueOrDefault("command"), command) && Equals(tags.GetValueOrDefault("outcome"), outcome))
                {
                    total = metric.MetricType == MetricType.Histogram ? point.GetHistogramCount() : point.GetSumLong();
                }
            }
        }

        return total;
    }

    /// <summary>Keeps every ended span; safe to read while requests still end.</summary>
    private sealed class SpanRecorder : BaseProcessor<Activity>
    {
        private readonly ConcurrentQueue<Activity> _ended = new();

        public override void OnEnd(Activity data) => _ended.Enqueue(data);

        public async Task<IReadOnlyList<Activity>> WaitAsync(Func<IReadOnlyList<Activity>, bool> done, TimeSpan timeout)
        {
            using var cts = new CancellationTokenSource(timeout);
            while (!done([.. _ended]))
            {
                await Task.Delay(20, cts.Token);
            }

            return [.. _ended];
        }
    }
}
