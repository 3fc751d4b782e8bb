using System.Data.Common;

namespace ChatBot.Retrieval.Storage.Sql;

/// <summary>
/// The open/command/bind/read plumbing every store shares, over ADO.NET's base types so one store serves both
/// dialects. Values only ever travel as parameters: no id or text is concatenated into SQL.
/// </summary>
public static class SqlCommands
{
    public static DbCommand Command(this DbConnection connection, string sql, IReadOnlyList<SqlArgument> arguments, DbTransaction? transaction = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(arguments);
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var argument in arguments)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + argument.Name;
            parameter.Value = argument.Value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    public static async Task<int> ExecuteAsync(this DbConnection connection, string sql, IReadOnlyList<SqlArgument> arguments, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(sql, arguments, transaction);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The first column of the first row, or null when there is no row (or it is SQL NULL).</summary>
    public static async Task<object?> ScalarAsync(this DbConnection connection, string sql, IReadOnlyList<SqlArgument> arguments, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(sql, arguments, transaction);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is DBNull ? null : value;
    }

    public static async Task<List<T>> QueryAsync<T>(
        this DbConnection connection, string sql, IReadOnlyList<SqlArgument> arguments, Func<DbDataReader, T> map, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(map);
        await using var command = connection.Command(sql, arguments, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    public static string? GetStringOrNull(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static long? GetInt64OrNull(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    /// <summary>A nullable BLOB (SQLite) or <c>bytea</c> (PostgreSQL) column.</summary>
    public static byte[]? GetBytesOrNull(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<byte[]>(ordinal);
}
