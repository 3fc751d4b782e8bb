using ChatBot.Retrieval.Search;
using ChatBot.Worker.ConsolePlatform;
using ChatBot.Worker.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatBot.Soak;

/// <summary>
/// Runs `ingest &lt;folder&gt;` in a child worker, SIGKILLs it once some articles are in, checks the store, runs the
/// ingest again to completion, and checks the store and the in-memory vector index a fresh host loads from it.
/// </summary>
public static class IngestKillDrill
{
    public static async Task<KillDrillResult> RunAsync(string workDirectory, int articles, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        var folder = Path.Combine(workDirectory, "kill-articles");
        var data = Path.Combine(workDirectory, "kill-data");
        ArticleGenerator.Write(folder, articles, paragraphs: 8, prefix: "kill");
        Directory.CreateDirectory(data);
        var seeds = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "seeds")).Length;
        string[] args = ["ingest", folder, "--Storage:DataDirectory=" + data];

        long atKill;
        using (var first = WorkerProcess.Start(workDirectory, args))
        {
            var threshold = seeds + Math.Max(2, articles / 5);
            var until = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(120);
            atKill = 0;
            while (DateTimeOffset.UtcNow < until && !first.HasExited)
            {
                atKill = await CountArticlesAsync(data, cancellationToken);
                if (atKill >= threshold)
                {
                    break;
                }

                await Task.Delay(50, cancellationToken);
            }

            if (!first.HasExited)
            {
                await first.KillAsync();
                await log.WriteLineAsync($"sqlite-kill: SIGKILL after {atKill} articles (of {articles + seeds})");
            }
            else
            {
                await log.WriteLineAsync($"sqlite-kill: the ingest finished before the kill ({first.ExitCode}): {first.Error}");
            }
        }

        var afterKill = await StoreChecker.CheckAsync(data, null, cancellationToken);
        await log.WriteLineAsync("sqlite-kill: after the kill: " + afterKill);

        int? restartCode;
        using (var second = WorkerProcess.Start(workDirectory, args))
        {
            restartCode = await second.WaitAsync(TimeSpan.FromMinutes(5));
            if (restartCode != 0)
            {
                await log.WriteLineAsync("sqlite-kill: restart failed: " + second.Error);
            }
        }

        var vectors = await VectorCountAsync(data, cancellationToken);
        var afterRestart = await StoreChecker.CheckAsync(data, vectors, cancellationToken);
        await log.WriteLineAsync("sqlite-kill: after the restart: " + afterRestart);
        return new KillDrillResult(articles, atKill, afterKill, restartCode, afterRestart, articles + seeds);
    }

    private static async Task<long> CountArticlesAsync(string data, CancellationToken cancellationToken)
    {
        var path = Path.Combine(data, "chatbot.db");
        if (!File.Exists(path))
        {
            return 0;
        }

        try
        {
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM articles";
            return (long)(await command.ExecuteScalarAsync(cancellationToken) ?? 0L);
        }
        catch (SqliteException)
        {
            return 0;
        }
    }

    /// <summary>How many vectors a freshly started host loads into its index from the store.</summary>
    public static async Task<int> VectorCountAsync(string data, CancellationToken cancellationToken)
    {
        using var host = ChatBotHost.Build(["--Storage:DataDirectory=" + data], runPlatforms: false, new ConsoleIo(TextReader.Null, TextWriter.Null), LogLevel.Warning);
        await host.StartAsync(cancellationToken);
        try
        {
            return host.Services.GetRequiredService<VectorIndex>().Count;
        }
        finally
        {
            await host.StopAsync(cancellationToken);
            SqliteConnection.ClearAllPools();
        }
    }
}
