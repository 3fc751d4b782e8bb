using ChatBot.Retrieval.Index;
using ChatBot.Retrieval.Search;
using ChatBot.Worker.ConsolePlatform;
using ChatBot.Worker.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ChatBot.Soak;

/// <summary>
/// Runs `ingest &lt;folder&gt;` in a child worker, SIGKILLs it once some articles are in, checks the store, runs the
/// ingest again to completion, and checks the store and the in-memory vector index a fresh host loads from it.
/// The store is a SQLite data folder (sqlite-kill) or a fresh PostgreSQL database (pg-kill).
/// </summary>
public static class IngestKillDrill
{
    public static async Task<KillDrillResult> RunAsync(string workDirectory, ISoakStore store, int articles, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(log);
        var name = store.Storage == SoakStorage.Postgres ? FaultInjector.PgKill : FaultInjector.SqliteKill;
        var folder = Path.Combine(workDirectory, "kill-articles");
        ArticleGenerator.Write(folder, articles, paragraphs: 8, prefix: "kill");
        var seeds = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "seeds")).Length;
        string[] args = ["ingest", folder, .. store.Settings];

        long atKill;
        using (var first = WorkerProcess.Start(workDirectory, args))
        {
            var threshold = seeds + Math.Max(2, articles / 5);
            var until = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(120);
            atKill = 0;
            while (DateTimeOffset.UtcNow < until && !first.HasExited)
            {
                atKill = await store.CountArticlesAsync(cancellationToken);
                if (atKill >= threshold)
                {
                    break;
                }

                await Task.Delay(50, cancellationToken);
            }

            if (!first.HasExited)
            {
                await first.KillAsync();
                await log.WriteLineAsync($"{name}: SIGKILL after {atKill} articles (of {articles + seeds})");
            }
            else
            {
                await log.WriteLineAsync($"{name}: the ingest finished before the kill ({first.ExitCode}): {first.Error}");
            }
        }

        var afterKill = await store.CheckAsync(null, cancellationToken);
        await log.WriteLineAsync($"{name}: after the kill: " + afterKill);

        int? restartCode;
        using (var second = WorkerProcess.Start(workDirectory, args))
        {
            restartCode = await second.WaitAsync(TimeSpan.FromMinutes(5));
            if (restartCode != 0)
            {
                await log.WriteLineAsync($"{name}: restart failed: " + second.Error);
            }
        }

        var vectors = await VectorCountAsync(store, Path.Combine(workDirectory, "kill-host"), cancellationToken);
        var afterRestart = await store.CheckAsync([vectors], cancellationToken);
        await log.WriteLineAsync($"{name}: after the restart: " + afterRestart);
        return new KillDrillResult(articles, atKill, afterKill, restartCode, afterRestart, articles + seeds) { Storage = store.Storage };
    }

    /// <summary>How many vectors a freshly started host loads into its index from the store.</summary>
    public static async Task<int> VectorCountAsync(ISoakStore store, string hostDataDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        string[] settings = store.Storage == SoakStorage.Postgres ? [.. store.Settings, "--Storage:DataDirectory=" + hostDataDirectory] : [.. store.Settings];
        using var host = ChatBotHost.Build(settings, runPlatforms: false, new ConsoleIo(TextReader.Null, TextWriter.Null), LogLevel.Warning);
        await host.StartAsync(cancellationToken);
        try
        {
            return host.Services.GetRequiredService<VectorIndex>().Count;
        }
        finally
        {
            await host.StopAsync(cancellationToken);
            SqliteConnection.ClearAllPools();
            NpgsqlConnection.ClearAllPools();
        }
    }
}
