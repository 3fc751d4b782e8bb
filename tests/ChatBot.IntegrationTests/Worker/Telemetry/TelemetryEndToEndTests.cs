using System.Text.Json.Nodes;
using ChatBot.IntegrationTests.Libraries;
using ChatBot.TestKit.Discord;
using ChatBot.Worker.Health;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChatBot.IntegrationTests.Worker.Telemetry;

/// <summary>
/// The real host (real retrieval over seeds/) against the fake Discord, with the health listener on loopback: a scripted
/// conversation is counted with the right tags, each request is one trace from the platform event to the posted reply,
/// and Prometheus reads the same counts at /metrics; a gateway reconnect is counted as a resume the gateway accepted.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class TelemetryEndToEndTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private const string EditTemplate = "/webhooks/{webhook_id}/{webhook_token}/messages/@original";
    private readonly BotHost _bot = new();
    private readonly TelemetryCapture _telemetry = new();

    public void Dispose()
    {
        _telemetry.Dispose();
        _bot.Dispose();
    }

    [Fact]
    public async Task ScriptedConversation_CountedByOutcome_TracedFromEventToReply_ScrapedAtMetrics()
    {
        await using var discord = await FakeDiscordServer.StartAsync();
        using var host = _bot.Build([.. SeedLibrary.Settings, .. BotHost.Discord(discord), "--Health:Urls=http://127.0.0.1:0"]);
        await host.StartAsync();
        try
        {
            var connection = await discord.NextConnectionAsync(Timeout);
            await connection.WaitForOpAsync(2);

            // One answered question, one the articles cannot answer, one search.
            await AskAsync(connection, discord, "3300000000000000801", "ask", "What did Yann LeCun say about DeepSeek R1?");
            await AskAsync(connection, discord, "3300000000000000802", "ask", "What is the recipe of Zanzibar quokka marmalade?");
            await AskAsync(connection, discord, "3300000000000000803", "search", "open source models", option: "query");

            Assert.Equal(1, Count("chatbot.requests", "discord", "ask", "answered"));
            Assert.Equal(1, Count("chatbot.requests", "discord", "ask", "abstained"));
            Assert.Equal(1, Count("chatbot.requests", "discord", "search", "answered"));
            Assert.Equal(1, Count("chatbot.request.duration", "discord", "ask", "answered"));
            Assert.True(_telemetry.Count("chatbot.embeddings.encoded", "model=all-MiniLM-L6-v2") >= 2, "the two questions were encoded");

            // A request's span ends just after its reply is posted: wait for the three to end.
            var spans = await _telemetry.WaitForSpansAsync(s => s.Count(a => a.OperationName == "chat.request") == 3, Timeout);
            var roots = spans.Where(s => s.OperationName == "chat.request").ToList();
            var answered = Assert.Single(roots, r => (string?)r.GetTagItem("chatbot.outcome") == "answered" && (string?)r.GetTagItem("chatbot.command") == "ask");
            Assert.Equal("discord", answered.GetTagItem("chatbot.platform"));
            Assert.Equal(default, answered.ParentSpanId);
            var children = spans.Where(s => s.TraceId == answered.TraceId && s.ParentSpanId == answered.SpanId).Select(s => s.OperationName).ToList();
            Assert.Contains("chat.search", children);
            Assert.Contains("chat.answer", children);
            Assert.Contains("chat.post", children);
            Assert.Equal("extractive", spans.Single(s => s.TraceId == answered.TraceId && s.OperationName == "chat.answer").GetTagItem("chatbot.answerer"));

            // Every request was acknowledged (deferred) and finally answered: ack and final latencies, one each.
            Assert.Equal(2, _telemetry.Count("chatbot.answer.latency", "platform=discord", "command=ask", "stage=ack"));
            Assert.Equal(2, _telemetry.Count("chatbot.answer.latency", "platform=discord", "command=ask", "stage=final"));
            Assert.Equal(1, _telemetry.Count("chatbot.answer.latency", "platform=discord", "command=search", "stage=final"));
            Assert.Equal(0, _telemetry.Count("chatbot.answer.latency", "stage=first_partial"));
            var post = spans.Single(s => s.TraceId == answered.TraceId && s.OperationName == "chat.post");
            Assert.True(post.StartTimeUtc >= spans.Single(s => s.TraceId == answered.TraceId && s.OperationName == "chat.answer").StartTimeUtc);

            var health = host.Services.GetServices<IHostedService>().OfType<HealthEndpointService>().Single();
            using var http = new HttpClient();
            var scrape = await http.GetStringAsync(new Uri(new Uri(health.BoundUrls[0]), "/metrics"));
            Assert.Contains("chatbot_requests_total{", scrape, StringComparison.Ordinal);
            Assert.Matches("chatbot_requests_total\\{[^}]*command=\"ask\"[^}]*outcome=\"abstained\"[^}]*platform=\"discord\"[^}]*\\} 1", scrape);
            Assert.Contains("chatbot_request_duration_seconds_bucket{", scrape, StringComparison.Ordinal);
            Assert.Contains("chatbot_answer_latency_seconds_bucket{", scrape, StringComparison.Ordinal);

            // Discord asks for a reconnect (op 7): the bot resumes its session and the gateway accepts (RESUMED).
            await connection.SendAsync(new JsonObject { ["op"] = 7, ["d"] = null });
            var second = await discord.NextConnectionAsync(Timeout);
            await second.WaitForOpAsync(6);
            Assert.Equal(1, await _telemetry.WaitForCountAsync(1, Timeout, "chatbot.gateway.resumes", "platform=discord", "outcome=resumed"));
            Assert.Equal(1, _telemetry.Count("chatbot.gateway.reconnects", "platform=discord", "kind=resume"));
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

    private long Count(string name, string platform, string command, string outcome) =>
        _telemetry.Count(name, "platform=" + platform, "command=" + command, "outcome=" + outcome);
}
