using Npgsql;

namespace ChatBot.IntegrationTests.Retrieval.Storage.Sql;

/// <summary>
/// The PostgreSQL server the tests use, from the environment that .ci/run or scripts/start-test-postgres.sh
/// sets. Missing settings fail the test with what to run: PostgreSQL tests are never skipped.
/// </summary>
public static class PostgresTestServer
{
    public const string ConnectionVariable = "CHATBOT_TEST_POSTGRES";
    public const string PgCtlVariable = "CHATBOT_TEST_PGCTL";
    public const string DataVariable = "CHATBOT_TEST_PGDATA";

    private const string HowTo = "Start a test PostgreSQL first: eval \"$(scripts/start-test-postgres.sh)\" then run dotnet test in that shell (.ci/run does this for you).";

    public static string ConnectionString => Require(ConnectionVariable);

    public static string PgCtl => Require(PgCtlVariable);

    public static string DataDirectory => Require(DataVariable);

    /// <summary>A fresh schema (its own search_path) on the test server, dropped at dispose.</summary>
    public static async Task<PostgresTestSchema> CreateSchemaAsync()
    {
        var name = "t_" + Guid.NewGuid().ToString("N")[..16];
        var admin = new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false };
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE SCHEMA {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        var scoped = new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = name, MaxPoolSize = 10 };
        return new PostgresTestSchema(name, scoped.ConnectionString, admin.ConnectionString);
    }

    private static string Require(string variable)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException($"{variable} is not set. {HowTo}");
        }

        return value;
    }
}
