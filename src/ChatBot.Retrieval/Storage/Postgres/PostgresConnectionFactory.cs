using ChatBot.Retrieval.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChatBot.Retrieval.Storage.Postgres;

/// <summary>
/// The pooled Npgsql data source for Storage:ConnectionString. After a database restart the pool holds dead
/// connections: <see cref="RunAsync{T}"/> clears the pool on a lost connection and runs the work once more.
/// </summary>
public sealed class PostgresConnectionFactory : IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger<PostgresConnectionFactory> _logger;

    public PostgresConnectionFactory(IOptions<StorageOptions> options, ILogger<PostgresConnectionFactory> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _logger = logger;
        var builder = new NpgsqlConnectionStringBuilder(options.Value.ConnectionString);
        _dataSource = NpgsqlDataSource.Create(builder);
        PostgresLog.Target(logger, builder.Host, builder.Port, builder.Database, builder.Username);
    }

    public NpgsqlDataSource DataSource => _dataSource;

    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> on an open connection; when the connection turns out to be lost (the server
    /// restarted), clears the pool and runs it once more on a fresh one. Work must be one transaction or idempotent.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            return await work(connection, cancellationToken);
        }
        catch (Exception ex) when (IsConnectionLost(ex) && !cancellationToken.IsCancellationRequested)
        {
            PostgresLog.TransientRetry(_logger, ex.Message);
            _dataSource.Clear();
        }

        await using var fresh = await OpenAsync(cancellationToken);
        return await work(fresh, cancellationToken);
    }

    public void Dispose() => _dataSource.Dispose();

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    /// <summary>A broken socket, or the server shutting down/starting up (57P01, 57P02, 57P03).</summary>
    internal static bool IsConnectionLost(Exception ex) => ex switch
    {
        PostgresException pg => pg.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow,
        NpgsqlException npgsql => npgsql.IsTransient,
        _ => false,
    };
}
