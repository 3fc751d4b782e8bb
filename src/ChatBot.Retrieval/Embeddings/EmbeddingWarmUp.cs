using System.Diagnostics;
using ChatBot.Retrieval.Logging;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatBot.Retrieval.Embeddings;

/// <summary>
/// When the bot starts (not for one-shot verbs), loads the model's interactive session in the background and runs one
/// short encode, so the first question does not pay for loading ONNX Runtime and the model (measured 1.0-1.5 s on the
/// shared 2-core machine against 30-180 ms for the next question). Start-up does not wait for it; a question asked
/// meanwhile waits for the same load, never a second one. Nothing is counted as encoded; a failure is logged, not fatal.
/// </summary>
public sealed class EmbeddingWarmUp(IEmbeddingGenerator<string, Embedding<float>> generator, ILogger<EmbeddingWarmUp> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        generator is MiniLmEmbeddingGenerator model ? Task.Run(() => WarmUp(model, stoppingToken), stoppingToken) : Task.CompletedTask;

    private void WarmUp(MiniLmEmbeddingGenerator model, CancellationToken stoppingToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            model.WarmUp(stoppingToken);
            RetrievalLog.ModelWarm(logger, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException && stoppingToken.IsCancellationRequested)
        {
            // Stopped while loading.
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            RetrievalLog.ModelWarmUpFailed(logger, ex.Message);
        }
    }
}
