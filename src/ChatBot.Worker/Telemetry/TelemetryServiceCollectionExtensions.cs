using ChatBot.Core.Telemetry;
using ChatBot.Worker.Health;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ChatBot.Worker.Telemetry;

/// <summary>
/// Exports the <see cref="ChatTelemetry"/> meter and spans: metrics for Prometheus at <c>/metrics</c> on the
/// <c>Health:Urls</c> listener when it is set; metrics and traces over OTLP when the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> variable is set (with the other standard <c>OTEL_*</c> variables: protocol, headers,
/// service name). With neither, nothing is registered and nothing listens to the instruments.
/// </summary>
public static class TelemetryServiceCollectionExtensions
{
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var prometheus = !string.IsNullOrWhiteSpace(configuration[$"{HealthOptions.SectionName}:{nameof(HealthOptions.Urls)}"]);
        var otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointVariable]);
        if (!prometheus && !otlp)
        {
            return services;
        }

        var telemetry = services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics.AddMeter(ChatTelemetry.Name);
            if (prometheus)
            {
                metrics.AddPrometheusExporter();
            }

            if (otlp)
            {
                metrics.AddOtlpExporter();
            }
        });
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing.AddSource(ChatTelemetry.Name).AddOtlpExporter());
        }

        return services;
    }
}
