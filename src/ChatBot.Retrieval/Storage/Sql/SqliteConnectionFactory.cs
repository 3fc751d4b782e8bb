using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace ChatBot.Retrieval.Storage.Sql;

/// <summary>Opens connections to the bot's SQLite file (WAL, foreign keys on, pooled).</summary>
public sealed class SqliteConnectionFactory
{
    private readonly string _connectionString;

    public SqliteConnectionFactory(IOptions<StorageOptions> options)
    {
        var storage = options.Value;
        if (!string.IsNullOrWhiteSpace(storage.ConnectionString) && storage.IsSqlite)
        {
            _connectionString = new SqliteConnectionStringBuilder(storage.ConnectionString) { ForeignKeys = true }.ToString();
            DatabasePath = new SqliteConnectionStringBuilder(_connectionString).DataSource;
        }
        else
        {
            Directory.CreateDirectory(storage.DataDirectory);
            DatabasePath = Path.GetFullPath(Path.Combine(storage.DataDirectory, "chatbot.db"));
            _connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = DatabasePath,
                ForeignKeys = true,
                Pooling = true,
                DefaultTimeout = 30,
            }.ToString();
        }
    }

    public string DatabasePath { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
