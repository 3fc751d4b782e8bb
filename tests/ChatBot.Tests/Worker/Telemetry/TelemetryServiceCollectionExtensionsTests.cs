using ChatBot.Worker.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ChatBot.Tests.Worker.Telemetry;

public sealed class TelemetryServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        return new ServiceCollection().AddLogging().AddTelemetry(configuration).BuildServiceProvider();
    }

    [Fact]
    public void NeitherListenerNorOtlp_NothingRegistered()
    {
        using var services = Build();

        Assert.Null(services.GetService<MeterProvider>());
        Assert.Null(services.GetService<TracerProvider>());
    }

    [Fact]
    public void HealthListener_MetricsForPrometheus_NoTraces()
    {
        using var services = Build(("Health:Urls", "http://127.0.0.1:0"));

        Assert.NotNull(services.GetService<MeterProvider>());
        Assert.Null(services.GetService<TracerProvider>());
    }

    [Fact]
    public void OtlpEndpoint_MetricsAndTraces()
    {
        using var services = Build((TelemetryServiceCollectionExtensions.OtlpEndpointVariable, "http://127.0.0.1:4318"));

        Assert.NotNull(services.GetService<MeterProvider>());
        Assert.NotNull(services.GetService<TracerProvider>());
    }
}
