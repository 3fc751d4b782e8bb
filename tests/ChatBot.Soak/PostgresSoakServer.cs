using System.Diagnostics;
using Npgsql;

namespace ChatBot.Soak;

/// <summary>
/// The PostgreSQL server a postgres soak runs on: the one in CHATBOT_TEST_POSTGRES (with CHATBOT_TEST_PGCTL and
/// CHATBOT_TEST_PGDATA, which the restart fault needs), or else a throwaway PostgreSQL 15 that
/// scripts/start-test-postgres.sh starts and scripts/stop-test-postgres.sh stops and deletes at dispose. Every store
/// of a run is a fresh database on it (so runs do not collide), dropped at dispose.
/// </summary>
public sealed class PostgresSoakServer : IAsyncDisposable
{
    public const string ConnectionVariable = "CHATBOT_TEST_POSTGRES";
    public const string PgCtlVariable = "CHATBOT_TEST_PGCTL";
    public const string DataVariable = "CHATBOT_TEST_PGDATA";
    public const string RootVariable = "CHATBOT_TEST_PGROOT";

    private readonly List<string> _databases = [];
    private readonly string? _startedRoot;
    private readonly string? _repository;
    private readonly TextWriter _log;

    private PostgresSoakServer(string connectionString, string? pgCtl, string? dataDirectory, string? startedRoot, string? repository, TextWriter log)
    {
        ConnectionString = connectionString;
        PgCtl = pgCtl;
        DataDirectory = dataDirectory;
        _startedRoot = startedRoot;
        _repository = repository;
        _log = log;
    }

    /// <summary>Npgsql connection string of a database on the server from which the run creates its own.</summary>
    public string ConnectionString { get; }

    /// <summary>A pg_ctl that runs as the server's user; null when the server came from the environment without one.</summary>
    public string? PgCtl { get; }

    public string? DataDirectory { get; }

    /// <summary>True when this run started the server (and stops it at dispose).</summary>
    public bool StartedHere => _startedRoot is not null;

    public bool CanRestart => PgCtl is not null && DataDirectory is not null;

    /// <summary>Uses the server the options or CHATBOT_TEST_POSTGRES name, or starts a throwaway one.</summary>
    public static async Task<PostgresSoakServer> AttachOrStartAsync(SoakOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var connection = options.PostgresConnectionString ?? Environment.GetEnvironmentVariable(ConnectionVariable);
        if (!string.IsNullOrWhiteSpace(connection))
        {
            var pgCtl = options.PgCtl ?? Environment.GetEnvironmentVariable(PgCtlVariable);
            var data = options.PgData ?? Environment.GetEnvironmentVariable(DataVariable);
            await log.WriteLineAsync($"postgres: using the server in {ConnectionVariable} ({Describe(connection)})");
            return new PostgresSoakServer(connection, NullIfEmpty(pgCtl), NullIfEmpty(data), null, null, log);
        }

        var repository = RepositoryRoot.Find();
        var (code, output, error) = await RunAsync("bash", [Path.Combine(repository, "scripts", "start-test-postgres.sh")], cancellationToken);
        if (code != 0)
        {
            throw new InvalidOperationException($"{ConnectionVariable} is not set and scripts/start-test-postgres.sh failed (exit {code}): {error.Trim()}");
        }

        var exports = ParseExports(output);
        if (!exports.TryGetValue(ConnectionVariable, out var started) || !exports.TryGetValue(RootVariable, out var root))
        {
            throw new InvalidOperationException("scripts/start-test-postgres.sh printed no " + ConnectionVariable + ": " + output);
        }

        await log.WriteLineAsync($"postgres: {ConnectionVariable} is not set; started a throwaway server ({Describe(started)}) in {root}");
        return new PostgresSoakServer(started, exports.GetValueOrDefault(PgCtlVariable), exports.GetValueOrDefault(DataVariable), root, repository, log);
    }

    /// <summary>Creates a fresh, empty database; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string label, CancellationToken cancellationToken)
    {
        var name = "soak_" + label + "_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(Admin().ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        lock (_databases)
        {
            _databases.Add(name);
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>
    /// `pg_ctl -m fast -w stop`, <paramref name="downTime"/> with the server down, then `pg_ctl -w start` (always, even
    /// when cancelled or the stop failed). Returns when the server accepts connections again, with the time it was down.
    /// </summary>
    public async Task<TimeSpan> RestartAsync(TimeSpan downTime, CancellationToken cancellationToken)
    {
        if (PgCtl is not { } pgCtl || DataDirectory is not { } data)
        {
            throw new InvalidOperationException($"The pg-restart fault needs {PgCtlVariable} and {DataVariable} next to {ConnectionVariable} (eval \"$(scripts/start-test-postgres.sh)\" sets all three).");
        }

        var clock = Stopwatch.StartNew();
        string? stopFailure = null;
        string? startFailure = null;
        try
        {
            // The stop runs to its end: a start while it is still stopping would fail.
            var (code, _, error) = await RunAsync(pgCtl, ["-D", data, "-m", "fast", "-w", "stop"], CancellationToken.None);
            stopFailure = code == 0 ? null : $"pg_ctl stop failed (exit {code}): {error.Trim()}";
            clock.Restart();
            await Task.Delay(downTime, cancellationToken);
        }
        finally
        {
            var log = Path.Combine(Path.GetDirectoryName(data) ?? data, "server.log");
            var (code, _, error) = await RunAsync(pgCtl, ["-D", data, "-l", log, "-w", "-t", "60", "start"], CancellationToken.None);
            startFailure = code == 0 ? null : $"pg_ctl start failed (exit {code}): {error.Trim()}";
        }

        if ((stopFailure ?? startFailure) is { } failure)
        {
            throw new InvalidOperationException(failure);
        }

        return clock.Elapsed;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        List<string> databases;
        lock (_databases)
        {
            databases = [.. _databases];
        }

        foreach (var name in databases)
        {
            try
            {
                await using var connection = new NpgsqlConnection(Admin().ConnectionString);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
                await command.ExecuteNonQueryAsync();
            }
            catch (NpgsqlException ex)
            {
                await _log.WriteLineAsync($"postgres: could not drop {name}: {ex.Message}");
            }
        }

        if (_startedRoot is not null && _repository is not null)
        {
            var (code, _, error) = await RunAsync("bash", [Path.Combine(_repository, "scripts", "stop-test-postgres.sh"), _startedRoot], CancellationToken.None);
            await _log.WriteLineAsync(code == 0 ? "postgres: stopped the throwaway server" : $"postgres: stop-test-postgres.sh failed (exit {code}): {error.Trim()}");
        }
    }

    private NpgsqlConnectionStringBuilder Admin() => new(ConnectionString) { Pooling = false };

    private static string Describe(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{b.Host}:{b.Port}/{b.Database}";
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>The `export NAME='value'` lines the start script prints.</summary>
    private static Dictionary<string, string> ParseExports(string output)
    {
        var exports = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (!line.StartsWith("export ", StringComparison.Ordinal) || eq < 0)
            {
                continue;
            }

            exports[line["export ".Length..eq]] = line[(eq + 1)..].Trim('\'');
        }

        return exports;
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string fileName, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + fileName);
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await output, await error);
    }
}
