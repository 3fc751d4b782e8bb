using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace ChatBot.Retrieval.Storage.Sql;

/// <summary>Opens connections to the bot's SQLite file (WAL, foreign keys on, pooled); times are UTC ISO-8601 text.</summary>
public sealed class SqliteConnectionFactory : SqlDatabase
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

    /// <summary>A file beside the database file (<c>chatbot.db.vectors</c>, …); null for an in-memory database.</summary>
    public string? BesideDatabase(string suffix)
    {
        var builder = new SqliteConnectionStringBuilder(_connectionString);
        return builder.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(DatabasePath) || DatabasePath.Contains(":memory:", StringComparison.Ordinal)
            ? null
            : Path.GetFullPath(DatabasePath) + suffix;
    }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    public override SqlDialect Dialect => SqlDialect.Sqlite;

    public override async Task<T> WithConnectionAsync<T>(Func<DbConnection, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var connection = await OpenAsync(cancellationToken);
        return await work(connection, cancellationToken);
    }

    /// <summary>The values travel as one JSON array parameter, read with <c>json_each</c>.</summary>
    public override string InList(string column, string parameter) => $"{column} IN (SELECT value FROM json_each(@{parameter}))";

    public override object List<T>(IReadOnlyCollection<T> values) => JsonSerializer.Serialize(values);

    public override object Time(DateTimeOffset value) => value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return DateTimeOffset.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
    }

    protected override ValueTask<DbTransaction> BeginTransactionAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));
}
