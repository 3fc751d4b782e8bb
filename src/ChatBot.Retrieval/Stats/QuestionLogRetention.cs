using System.Data.Common;
using ChatBot.Core.Stats;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Retrieval.Stats;

/// <summary>
/// Deletes the questions older than <c>Stats:RetentionDays</c> (with their texts and votes): once at start (after the
/// start-up indexer has applied the schema) and then every <see cref="Every"/>. On PostgreSQL every replica sweeps; the
/// delete is the same whoever runs it.
/// </summary>
public sealed class QuestionLogRetention(
    IQuestionLog log, IOptions<StatsOptions> options, TimeProvider timeProvider, ILogger<QuestionLogRetention> logger) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromHours(1);

    /// <summary>Deletes what is past retention now; returns how many questions went.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var days = options.Value.RetentionDays;
        var deleted = await log.DeleteOlderThanAsync(timeProvider.GetUtcNow().AddDays(-days), cancellationToken);
        if (deleted > 0)
        {
            StatsLog.Swept(logger, deleted, days);
        }

        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, timeProvider);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is DbException or InvalidOperationException or TimeoutException)
            {
                StatsLog.SweepFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
