using Microsoft.Data.Sqlite;

namespace ChatBot.Soak;

/// <summary>
/// One soak run: the SIGKILL drill, then the real worker host (on SQLite, or on PostgreSQL with optional further replicas)
/// against the fake Discord, Slack and OpenAI servers on loopback, questions at a fixed rate from many users and
/// channels while faults are injected and scheduled digests go out on both platforms, the store and digest checks,
/// and the fuzz pass.
/// </summary>
public static partial class SoakRunner
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private const int SlackConnections = 2;

    /// <summary>Npgsql pool per host: 8 acknowledgers, the workers and the refusal workers fit; two replicas stay far below max_connections.</summary>
    private const int PoolSize = 30;

    public static async Task<SoakReport> RunAsync(SoakOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        Validate(options);
        var report = new SoakReport { Options = options };
        var work = Directory.CreateTempSubdirectory("chatbot-soak-").FullName;
        PostgresSoakServer? server = null;
        try
        {
            if (options.Storage == SoakStorage.Postgres)
            {
                server = await PostgresSoakServer.AttachOrStartAsync(options, log, cancellationToken);
                report.PostgresServer = server.StartedHere ? "a throwaway PostgreSQL started for the run" : $"the server in {PostgresSoakServer.ConnectionVariable}";
                if (options.Faults.Contains(FaultInjector.PgRestart) && !server.CanRestart)
                {
                    throw new InvalidOperationException($"pg-restart needs {PostgresSoakServer.PgCtlVariable} and {PostgresSoakServer.DataVariable} next to {PostgresSoakServer.ConnectionVariable} (eval \"$(scripts/start-test-postgres.sh)\" sets all three).");
                }
            }

            if (options.Faults.Any(FaultInjector.IsDrill))
            {
                var drillStore = await CreateStoreAsync(server, work, "kill", cancellationToken);
                report.KillDrill = await IngestKillDrill.RunAsync(work, drillStore, options.KillDrillArticles, log, cancellationToken);
            }

            await RunLoadAsync(options, report, server, work, log, cancellationToken);
            return report;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (server is not null)
            {
                await server.DisposeAsync();
            }

            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static void Validate(SoakOptions options)
    {
        if (options.Faults.Select(f => FaultInjector.Incompatible(f, options.Storage)).OfType<string>().FirstOrDefault() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        if (options.Replicas < 1 || (options.Replicas > 1 && (options.Storage != SoakStorage.Postgres || !options.Slack)))
        {
            throw new ArgumentException("More than one replica needs --storage postgres and Slack (further replicas serve Slack only).", nameof(options));
        }
    }

    /// <summary>A SQLite data folder under the work folder, or a fresh database on the run's PostgreSQL server.</summary>
    private static async Task<ISoakStore> CreateStoreAsync(PostgresSoakServer? server, string work, string name, CancellationToken cancellationToken) =>
        server is null
            ? new SqliteSoakStore(Path.Combine(work, name == "load" ? "data" : name + "-data"))
            : new PostgresSoakStore(await server.CreateDatabaseAsync(name, cancellationToken), PoolSize);
}
