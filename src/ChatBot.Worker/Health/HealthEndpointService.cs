using System.Data.Common;
using ChatBot.Core.Http;
using ChatBot.Core.Platforms;
using ChatBot.Retrieval.Index;
using ChatBot.Retrieval.Search;
using ChatBot.Retrieval.Storage;
using ChatBot.Retrieval.Storage.Articles;
using ChatBot.Worker.Logging;
using ChatBot.Worker.Status;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace ChatBot.Worker.Health;

/// <summary>
/// A small HTTP listener for orchestrators: GET /health reports whether the database answers, how many chunk vectors
/// this replica holds and which chat platforms a fatal error stopped. It starts after the index is loaded, so a
/// listening endpoint means loaded. With metrics exported (see <c>Telemetry/</c>), GET /metrics serves them for Prometheus;
/// with <c>Health:StatusPage:Enabled</c>, GET / is the status page (<c>Status/</c>).
/// </summary>
public sealed class HealthEndpointService(
    IOptions<HealthOptions> options,
    IArticleStore store,
    VectorIndex index,
    PlatformStatus platforms,
    ILogger<HealthEndpointService> logger,
    MeterProvider? metrics = null,
    StatusPage? statusPage = null) : IHostedService, IAsyncDisposable
{
    private KestrelListener? _listener;

    /// <summary>The addresses actually bound (a configured port 0 shows the chosen port).</summary>
    public IReadOnlyList<string> BoundUrls => _listener?.Urls ?? [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _listener = await KestrelListener.StartAsync(options.Value.UrlList, maxRequestBodyBytes: null, Map, cancellationToken);
        HealthLog.Listening(logger, string.Join(", ", BoundUrls));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_listener is not null)
        {
            await _listener.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_listener is not null)
        {
            await _listener.DisposeAsync();
        }
    }

    private void Map(WebApplication app)
    {
        app.MapGet("/health", async (CancellationToken requestAborted) =>
        {
            var report = await CheckAsync(requestAborted);
            return Results.Json(report, statusCode: report.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        if (metrics is not null)
        {
            // The bot's meter provider lives in the main host, not in this listener's: hand it over.
            app.MapPrometheusScrapingEndpoint("/metrics", metrics, configureBranchedPipeline: null, optionsName: null);
        }

        statusPage?.Map(app, CheckAsync);
    }

    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        int? databaseChunks = null;
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(TimeSpan.FromSeconds(options.Value.DatabaseTimeoutSeconds));
        try
        {
            databaseChunks = await store.CountChunksAsync(budget.Token);
        }
        catch (Exception ex) when (ex is DbException or TimeoutException or InvalidOperationException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            HealthLog.DatabaseUnreachable(logger, ex.GetType().Name, ex.Message);
        }

        var reachable = databaseChunks is not null;
        var stopped = platforms.StoppedPlatforms;
        var status = !reachable ? "unavailable" : stopped.Count > 0 ? "degraded" : "ready";
        return new HealthReport(status, reachable, databaseChunks, index.Count, index.MemoryBytes, stopped);
    }
}
