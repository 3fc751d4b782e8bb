using ChatBot.Worker.Cli;
using ChatBot.Worker.ConsolePlatform;
using Microsoft.Data.Sqlite;

namespace ChatBot.IntegrationTests.Worker.Telemetry;

/// <summary>
/// OTLP export configured by the standard environment variables only: the bot, run at the console with a question,
/// sends its spans and metrics over OTLP/HTTP (protobuf) to a receiver on 127.0.0.1, with the configured headers and
/// service name. The variables are process-wide: this runs alone (<see cref="TelemetryCollection"/>) and restores them.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class OtlpExportTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _data.Dispose();
    }

    [Fact]
    public async Task StandardOtelVariables_SpansAndMetricsArriveAtTheCollector()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var variables = new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_EXPORTER_OTLP_HEADERS"] = "x-collector-key=test-key-1",
            ["OTEL_SERVICE_NAME"] = "chatbot-otlp-test",
        };
        var before = variables.Keys.ToDictionary(k => k, Environment.GetEnvironmentVariable);
        int code;
        try
        {
            foreach (var (key, value) in variables)
            {
                Environment.SetEnvironmentVariable(key, value);
            }

            // The host is disposed when the console input ends: the SDK flushes its spans and metrics then.
            var screen = new StringWriter();
            code = await CliApp.RunAsync(
                ["--Storage:DataDirectory=" + _data.Path],
                new ConsoleIo(new StringReader("/ask What did Yann LeCun say about DeepSeek R1?\n/quit\n"), screen, screen),
                screen);
        }
        finally
        {
            foreach (var (key, value) in before)
            {
                Environment.SetEnvironmentVariable(key, value);
            }
        }

        Assert.Equal(0, code);
        var spans = receiver.Spans();
        var request = Assert.Single(spans, s => s.Name == "chat.request");
        foreach (var child in new[] { "chat.search", "chat.answer", "chat.post" })
        {
            var span = Assert.Single(spans, s => s.Name == child);
            Assert.Equal((request.TraceId, request.SpanId), (span.TraceId, span.ParentSpanId));
        }

        var metrics = receiver.MetricNames();
        Assert.Contains("chatbot.requests", metrics);
        Assert.Contains("chatbot.request.duration", metrics);
        Assert.Contains("chatbot.answer.latency", metrics);
        Assert.Contains("service.name=chatbot-otlp-test", receiver.ResourceAttributes("/v1/traces"));
        Assert.Contains("service.name=chatbot-otlp-test", receiver.ResourceAttributes("/v1/metrics"));
        Assert.All(receiver.Exports, e => Assert.Equal("test-key-1", e.Headers.GetValueOrDefault("x-collector-key")));
    }
}
