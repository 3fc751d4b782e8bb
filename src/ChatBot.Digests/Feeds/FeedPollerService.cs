using ChatBot.Digests.Logging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Digests.Feeds;

/// <summary>Polls due feeds every <see cref="FeedOptions.CheckIntervalSeconds"/> on the injected <see cref="TimeProvider"/>.</summary>
public sealed class FeedPollerService(
    FeedPoller poller,
    TimeProvider timeProvider,
    IOptions<FeedOptions> options,
    ILogger<FeedPollerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        DigestLog.PollerStarted(logger, settings.PollIntervalMinutes, settings.JitterSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await poller.RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                DigestLog.PollerRoundFailed(logger, ex);
            }

            await Task.Delay(TimeSpan.FromSeconds(settings.CheckIntervalSeconds), timeProvider, stoppingToken);
        }
    }
}
