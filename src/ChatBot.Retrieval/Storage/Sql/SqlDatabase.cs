using System.Data.Common;

namespace ChatBot.Retrieval.Storage.Sql;

/// <summary>
/// The bot's database, whichever dialect: how a store gets a connection and a transaction, and the one time
/// convention (UTC instants; SQLite stores them as round-trip ISO-8601 text, so text order is time order,
/// PostgreSQL as <c>timestamptz</c>). Stores hold their SQL per dialect and everything else once.
/// </summary>
public abstract class SqlDatabase
{
    public abstract SqlDialect Dialect { get; }

    /// <summary>
    /// Runs <paramref name="work"/> on an open connection. PostgreSQL runs it again on a fresh connection after a lost
    /// one (a server restart), so work must be one transaction or idempotent.
    /// </summary>
    public abstract Task<T> WithConnectionAsync<T>(Func<DbConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="work"/> in one transaction, committed when it returns (SQLite: an immediate one, so writers queue).</summary>
    public Task<T> InTransactionAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return WithConnectionAsync(
            async (connection, ct) =>
            {
                await using var transaction = await BeginTransactionAsync(connection, ct);
                var result = await work(connection, transaction, ct);
                await transaction.CommitAsync(ct);
                return result;
            },
            cancellationToken);
    }

    /// <summary>The dialect's text of a statement.</summary>
    public T Pick<T>(T sqlite, T postgres) => Dialect == SqlDialect.Sqlite ? sqlite : postgres;

    /// <summary>
    /// "<paramref name="column"/> is one of the values of parameter <paramref name="parameter"/>" (bound with
    /// <see cref="List{T}"/>): one statement for any number of values, never values spliced into SQL.
    /// </summary>
    public abstract string InList(string column, string parameter);

    /// <summary>Values for an <see cref="InList"/> parameter.</summary>
    public abstract object List<T>(IReadOnlyCollection<T> values);

    /// <summary>A time as this dialect stores it.</summary>
    public abstract object Time(DateTimeOffset value);

    public object TimeOrNull(DateTimeOffset? value) => value is { } v ? Time(v) : DBNull.Value;

    public abstract DateTimeOffset ReadTime(DbDataReader reader, int ordinal);

    public DateTimeOffset? ReadTimeOrNull(DbDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.IsDBNull(ordinal) ? null : ReadTime(reader, ordinal);
    }

    public Task<int> ExecuteAsync(string sql, IReadOnlyList<SqlArgument> arguments, CancellationToken cancellationToken) =>
        WithConnectionAsync((connection, ct) => connection.ExecuteAsync(sql, arguments, null, ct), cancellationToken);

    public Task<object?> ScalarAsync(string sql, IReadOnlyList<SqlArgument> arguments, CancellationToken cancellationToken) =>
        WithConnectionAsync((connection, ct) => connection.ScalarAsync(sql, arguments, null, ct), cancellationToken);

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, IReadOnlyList<SqlArgument> arguments, Func<DbDataReader, T> map, CancellationToken cancellationToken) =>
        await WithConnectionAsync((connection, ct) => connection.QueryAsync(sql, arguments, map, null, ct), cancellationToken);

    protected abstract ValueTask<DbTransaction> BeginTransactionAsync(DbConnection connection, CancellationToken cancellationToken);
}
