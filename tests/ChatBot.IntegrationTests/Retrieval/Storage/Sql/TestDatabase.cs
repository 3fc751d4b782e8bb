using ChatBot.Core.Libraries;
using ChatBot.Retrieval.Storage;
using ChatBot.Retrieval.Storage.Articles;
using ChatBot.Retrieval.Storage.Sql;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatBot.IntegrationTests.Retrieval.Storage.Sql;

/// <summary>
/// A real, empty database for one test in either dialect: a SQLite file in a temp folder, or a schema of its own on
/// the test PostgreSQL server. <see cref="OpenAsync"/> gives another connection pool on it (another process or
/// replica); <see cref="MigrateAsync"/> applies the article tables and the migrations a test names, nothing else.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _pools = [];
    private readonly TempDirectory? _directory;
    private readonly PostgresTestSchema? _schema;

    private TestDatabase(SqlDialect dialect, TempDirectory? directory, PostgresTestSchema? schema)
    {
        Dialect = dialect;
        _directory = directory;
        _schema = schema;
    }

    public SqlDialect Dialect { get; }

    public StorageOptions Options => Dialect == SqlDialect.Sqlite
        ? new StorageOptions { DataDirectory = _directory!.Path }
        : new StorageOptions { Provider = "Postgres", ConnectionString = _schema!.ConnectionString };

    /// <summary>The PostgreSQL schema (null on SQLite).</summary>
    public PostgresTestSchema? Schema => _schema;

    public static async Task<TestDatabase> CreateAsync(SqlDialect dialect) =>
        dialect == SqlDialect.Sqlite
            ? new TestDatabase(dialect, new TempDirectory(), null)
            : new TestDatabase(dialect, null, await PostgresTestServer.CreateSchemaAsync());

    /// <summary>A new connection pool on this database: what one process or replica holds.</summary>
    public SqlDatabase Open()
    {
        if (Dialect == SqlDialect.Sqlite)
        {
            return new SqliteConnectionFactory(Microsoft.Extensions.Options.Options.Create(Options));
        }

        var pool = StoreFactory.Connections(_schema!.ConnectionString);
        _pools.Add(pool);
        return pool;
    }

    /// <summary>Applies the article tables and <paramref name="migrations"/> through the dialect's migration runner.</summary>
    public Task MigrateAsync(TimeProvider time, params SqlMigration[] migrations) => Migrator(Open(), time, migrations).MigrateAsync(CancellationToken.None);

    public static ISchemaMigrator Migrator(SqlDatabase database, TimeProvider time, params SqlMigration[] migrations) => database switch
    {
        SqliteConnectionFactory sqlite => new SqliteMigrator(sqlite, [ArticleStore.Migration, ArticleStore.LibrariesMigration(LibraryNames.Local), ArticleStore.SentenceVectorsMigration, .. migrations], time),
        PostgresConnectionFactory postgres => new PostgresMigrator(postgres, [ArticleStore.Migration, ArticleStore.LibrariesMigration(LibraryNames.Local), ArticleStore.SentenceVectorsMigration, .. migrations], time, NullLogger<PostgresMigrator>.Instance),
        _ => throw new ArgumentOutOfRangeException(nameof(database)),
    };

    /// <summary>The article store of this dialect on <paramref name="database"/>.</summary>
    public static ArticleStore CreateArticleStore(SqlDatabase database, TimeProvider time) => database switch
    {
        SqliteConnectionFactory sqlite => new SqliteArticleStore(sqlite, time),
        PostgresConnectionFactory postgres => new PostgresArticleStore(postgres, time),
        _ => throw new ArgumentOutOfRangeException(nameof(database)),
    };

    public async ValueTask DisposeAsync()
    {
        foreach (var pool in _pools)
        {
            await pool.DisposeAsync();
        }

        if (_schema is not null)
        {
            await _schema.DisposeAsync();
        }

        if (_directory is not null)
        {
            SqliteConnection.ClearAllPools();
            _directory.Dispose();
        }
    }
}
