using System.Data.Common;
using System.Diagnostics;
using ChatBot.Core.Telemetry;
using ChatBot.Retrieval.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChatBot.Retrieval.Storage.Sql;

/// <summary>
/// The pooled Npgsql data source for Storage:ConnectionString. After a database restart the pool holds dead
/// connections, and while the server restarts new ones are refused: <see cref="RunAsync{T}"/> clears the pool on a
/// lost connection, runs the work again at once, and then keeps retrying with a growing pause for up to
/// Storage:ReconnectSeconds, so a restart of a second or two costs callers a delay rather than an error.
/// </summary>
public sealed class PostgresConnectionFactory : SqlDatabase, IAsyncDisposable, IDisposable
{
    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(1);
    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger<PostgresConnectionFactory> _logger;
    private readonly TimeSpan _reconnectBudget;

    public PostgresConnectionFactory(IOptions<StorageOptions> options, ILogger<PostgresConnectionFactory> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _logger = logger;
        _reconnectBudget = TimeSpan.FromSeconds(options.Value.ReconnectSeconds);
        var builder = new NpgsqlConnectionStringBuilder(options.Value.ConnectionString);
        _dataSource = NpgsqlDataSource.Create(builder);
        PostgresLog.Target(logger, builder.Host, builder.Port, builder.Database, builder.Username);
    }

    public NpgsqlDataSource DataSource => _dataSource;

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> on an open connection. When the connection turns out to be lost (the server
    /// restarted, or is restarting), clears the pool and runs it again on a fresh one: at once, then after pauses of
    /// 0.1 s doubling to 1 s until Storage:ReconnectSeconds have passed since the first failure; the last error is
    /// thrown. Work must be one transaction or idempotent. Cancelling the token ends the wait (callers with a deadline
    /// give it a budget).
    /// </summary>
    public async Task<T> RunAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var failedSince = 0L;
        var pause = TimeSpan.Zero;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await OpenAsync(cancellationToken);
                return await work(connection, cancellationToken);
            }
            catch (Exception ex) when (IsConnectionLost(ex) && !cancellationToken.IsCancellationRequested
                && (attempt == 1 || Stopwatch.GetElapsedTime(failedSince) < _reconnectBudget))
            {
                if (attempt == 1)
                {
                    failedSince = Stopwatch.GetTimestamp();
                    PostgresLog.TransientRetry(_logger, ex.Message, _reconnectBudget.TotalSeconds);
                }

                _dataSource.Clear();
                ChatTelemetry.RecordStoreRetry("postgres");
            }

            // The first retry runs at once (the pool only held dead connections); later ones wait for the server.
            if (attempt > 1)
            {
                pause = pause == TimeSpan.Zero ? FirstPause : TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
                await Task.Delay(pause, cancellationToken);
            }
        }
    }

    public override SqlDialect Dialect => SqlDialect.Postgres;

    public override Task<T> WithConnectionAsync<T>(Func<DbConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        RunAsync<T>((connection, ct) => work(connection, ct), cancellationToken);

    public override string InList(string column, string parameter) => $"{column} = ANY(@{parameter})";

    public override object List<T>(IReadOnlyCollection<T> values) => values.ToArray();

    /// <summary>Npgsql writes <c>timestamptz</c> only from UTC values.</summary>
    public override object Time(DateTimeOffset value) => value.ToUniversalTime();

    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.GetFieldValue<DateTimeOffset>(ordinal);
    }

    public void Dispose() => _dataSource.Dispose();

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    protected override async ValueTask<DbTransaction> BeginTransactionAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken);

    /// <summary>A broken socket, or the server shutting down/starting up (57P01, 57P02, 57P03).</summary>
    internal static bool IsConnectionLost(Exception ex) => ex switch
    {
        PostgresException pg => pg.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow,
        NpgsqlException npgsql => npgsql.IsTransient,
        _ => false,
    };
}
