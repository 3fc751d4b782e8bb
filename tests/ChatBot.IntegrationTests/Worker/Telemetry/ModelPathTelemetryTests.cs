using System.Text.Json.Nodes;
using ChatBot.IntegrationTests.Libraries;
using ChatBot.TestKit.Discord;
using ChatBot.TestKit.Llm;
using ChatBot.Worker.Cli;
using ChatBot.Worker.ConsolePlatform;

namespace ChatBot.IntegrationTests.Worker.Telemetry;

/// <summary>
/// The model-written answer path through the real host (fake Discord, the model on the fake OpenAI-compatible server,
/// streaming): acknowledgement, first partial and final latencies, and a <c>chat.answer</c> span by the model inside the
/// request's trace; and an <c>/add</c> at the console traced with its <c>chat.ingest</c> span.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class ModelPathTelemetryTests : IDisposable
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
    public async Task StreamedModelAnswer_AckFirstPartialAndFinalTimed_AnswerSpanByTheModel()
    {
        await using var llm = await FakeOpenAiServer.StartAsync();
        llm.Default = FakeChatBehaviour.Stream("LeCun said ", "DeepSeek R1 shows ", "that open models ", "are catching up [1].") with { Delay = TimeSpan.FromMilliseconds(300) };
        await using var discord = await FakeDiscordServer.StartAsync();
        using var host = _bot.Build([.. SeedLibrary.Settings, .. BotHost.Discord(discord), .. BotHost.Llm(llm)]);
        await host.StartAsync();
        try
        {
            var connection = await discord.NextConnectionAsync(Timeout);
            await connection.WaitForOpAsync(2);
            await connection.DispatchAsync("INTERACTION_CREATE", FakeDiscordServer.Interaction(
                "3300000000000000811", "ask", [new JsonObject { ["name"] = "question", ["type"] = 3, ["value"] = "What did Yann LeCun say about DeepSeek R1?" }]));
            await discord.WaitForRequestAsync(r => r.Method == "PATCH" && r.Template == EditTemplate && r.Body.Contains("\"fields\"", StringComparison.Ordinal), Timeout);

            var spans = await _telemetry.WaitForSpansAsync(s => s.Any(a => a.OperationName == "chat.request"), Timeout);
            var request = spans.Single(s => s.OperationName == "chat.request");
            Assert.Equal("answered", request.GetTagItem("chatbot.outcome"));
            var answer = Assert.Single(spans, s => s.OperationName == "chat.answer" && s.TraceId == request.TraceId);
            Assert.Equal("model", answer.GetTagItem("chatbot.answerer"));
            Assert.Equal(request.SpanId, answer.ParentSpanId);
            Assert.Contains(spans, s => s.OperationName == "chat.search" && s.TraceId == request.TraceId);
            Assert.Contains(spans, s => s.OperationName == "chat.post" && s.ParentSpanId == request.SpanId);

            foreach (var stage in new[] { "ack", "first_partial", "final" })
            {
                Assert.Equal(1, _telemetry.Count("chatbot.answer.latency", "platform=discord", "command=ask", "stage=" + stage));
            }

            Assert.Equal(1, _telemetry.Count("chatbot.model.calls", "provider=openai", "outcome=ok", "reason=none"));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task AddAtTheConsole_IngestSpanInsideTheRequestTrace_CountedByKindAndOutcome()
    {
        var file = Path.Combine(_bot.DataDirectory, "quokkas.md");
        await File.WriteAllTextAsync(file, "# Quokkas\n\nQuokkas live on Rottnest Island. They are small marsupials that smile for photos.\n");
        var screen = new StringWriter();

        var code = await CliApp.RunAsync(
            ["--Storage:DataDirectory=" + Path.Combine(_bot.DataDirectory, "db")],
            new ConsoleIo(new StringReader($"/add {file}\n/quit\n"), screen, screen),
            screen);

        Assert.Equal(0, code);
        var spans = await _telemetry.WaitForSpansAsync(s => s.Any(a => a.OperationName == "chat.request"), Timeout);
        var request = spans.Single(s => s.OperationName == "chat.request");
        Assert.Equal("console", request.GetTagItem("chatbot.platform"));
        var ingest = Assert.Single(spans, s => s.OperationName == "chat.ingest");
        Assert.Equal((request.TraceId, request.SpanId), (ingest.TraceId, ingest.ParentSpanId));
        Assert.Equal("file", ingest.GetTagItem("chatbot.kind"));
        Assert.Equal(1, _telemetry.Count("chatbot.ingests", "kind=file", "outcome=added"));
        Assert.True(_telemetry.Count("chatbot.embeddings.encoded") >= 1, "the new passage was encoded");
    }
}
