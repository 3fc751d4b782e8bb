using Npgsql;

namespace ChatBot.IntegrationTests.Retrieval.Storage.Sql;

/// <summary>One test's own schema on the test server; dropped with everything in it at dispose.</summary>
public sealed class PostgresTestSchema(string name, string connectionString, string adminConnectionString) : IAsyncDisposable
{
    public string Name { get; } = name;

    /// <summary>Npgsql connection string whose search_path is this schema.</summary>
    public string ConnectionString { get; } = connectionString;

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(adminConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {Name} CASCADE", connection);
            await command.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException)
        {
            // The server is gone (a failed restart test): the throwaway cluster is deleted with its folder.
        }
    }
}
