using System.Diagnostics;
using System.Globalization;
using ChatBot.Core.Events;
using ChatBot.Core.Libraries;
using ChatBot.Core.Retrieval;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Soak;

/// <summary>
/// The pg-restart fault: the database restarts under the running hosts (`pg_ctl -m fast stop`, a pause, `pg_ctl start`),
/// killing every pooled connection. Recovered once every replica's own services reach the store again within the
/// recovery timeout: a search through its retrieval service finds the seed, and its event deduplicator claims a fresh id.
/// </summary>
public sealed class PostgresRestartFault(PostgresSoakServer server, IReadOnlyList<IServiceProvider> replicas, TimeSpan downTime, TextWriter log)
{
    private const string ProbeQuery = "What did Yann LeCun say about DeepSeek R1?";

    /// <summary>Restarts the server; returns whether every replica came back, and what was measured.</summary>
    public async Task<(bool Recovered, string Note)> RunAsync(TimeSpan recoveryTimeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        TimeSpan down;
        try
        {
            down = await server.RestartAsync(downTime, cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            await log.WriteLineAsync("pg-restart: " + ex.Message);
            return (false, ex.Message);
        }

        var outage = clock.Elapsed;
        clock.Restart();
        var until = DateTimeOffset.UtcNow + recoveryTimeout;
        var pending = replicas.Select((services, i) => (services, i)).ToList();
        var errors = 0;
        string? lastError = null;
        while (pending.Count > 0 && DateTimeOffset.UtcNow < until)
        {
            foreach (var replica in pending.ToList())
            {
                try
                {
                    if (await ProbeAsync(replica.services, cancellationToken))
                    {
                        pending.Remove(replica);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    errors++;
                    lastError = ex.Message;
                }
            }

            if (pending.Count > 0)
            {
                await Task.Delay(100, cancellationToken);
            }
        }

        var c = CultureInfo.InvariantCulture;
        var note = pending.Count == 0
            ? string.Create(c, $"stop to start {outage.TotalSeconds:0.0} s (down {down.TotalSeconds:0.0} s); every replica's store answered {clock.Elapsed.TotalSeconds:0.00} s after the start ({errors} failed probes)")
            : string.Create(c, $"stop to start {outage.TotalSeconds:0.0} s; replica(s) {string.Join(", ", pending.Select(p => p.i + 1))} still failing after {recoveryTimeout.TotalSeconds:0} s: {lastError}");
        await log.WriteLineAsync($"pg-restart: {note}");
        return (pending.Count == 0, note);
    }

    private static async Task<bool> ProbeAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(TimeSpan.FromSeconds(5));
        var hits = await services.GetRequiredService<IRetrievalService>().SearchAsync(LibraryNames.Local, ProbeQuery, 1, budget.Token);
        var claimed = await services.GetRequiredService<IEventDeduplicator>().TryClaimAsync("soak-probe", Guid.NewGuid().ToString("N"), budget.Token);
        return hits.Count > 0 && claimed;
    }
}
