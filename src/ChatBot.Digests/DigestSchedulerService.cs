using ChatBot.Digests.Logging;
using ChatBot.Digests.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Digests;

/// <summary>
/// Runs the digest scheduler: applies the configured schedules, then each round posts due slots and sleeps (on the
/// injected <see cref="TimeProvider"/>) until the next slot or the check interval, whichever is sooner.
/// </summary>
public sealed class DigestSchedulerService(
    DigestScheduler scheduler,
    IDigestScheduleStore schedules,
    TimeProvider timeProvider,
    IOptions<DigestOptions> options,
    ILogger<DigestSchedulerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await scheduler.ApplyConfiguredSchedulesAsync(stoppingToken);
            DigestLog.SchedulerStarted(logger, scheduler.InstanceId, (await schedules.ListEnabledAsync(stoppingToken)).Count);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            DigestLog.SchedulerRoundFailed(logger, ex);
        }

        var interval = TimeSpan.FromSeconds(options.Value.CheckIntervalSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            var delay = interval;
            try
            {
                var next = await scheduler.RunOnceAsync(stoppingToken);
                if (next is { } n)
                {
                    var untilNext = n - timeProvider.GetUtcNow();
                    delay = untilNext < TimeSpan.Zero ? TimeSpan.Zero : untilNext < interval ? untilNext : interval;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                DigestLog.SchedulerRoundFailed(logger, ex);
            }

            await Task.Delay(delay, timeProvider, stoppingToken);
        }
    }
}
