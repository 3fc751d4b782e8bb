using Microsoft.Data.Sqlite;

namespace ChatBot.Retrieval.Storage.Sql;

/// <summary>
/// Applies the registered migrations to the SQLite file: each name once, in order, inside one immediate transaction,
/// so two processes starting together cannot both apply one.
/// </summary>
public sealed class SqliteMigrator(SqliteConnectionFactory connections, IEnumerable<SqlMigration> migrations, TimeProvider timeProvider) : ISchemaMigrator
{
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync("PRAGMA journal_mode = WAL;", [], null, cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await connection.ExecuteAsync("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL);", [], transaction, cancellationToken);
        foreach (var migration in migrations.DistinctBy(m => m.Name))
        {
            if (await connection.ScalarAsync("SELECT 1 FROM schema_migrations WHERE name = @name", [("name", migration.Name)], transaction, cancellationToken) is not null)
            {
                continue;
            }

            await connection.ExecuteAsync(migration.Sqlite, [], transaction, cancellationToken);
            await connection.ExecuteAsync(
                "INSERT INTO schema_migrations (name, applied_at) VALUES (@name, @at)",
                [("name", migration.Name), ("at", connections.Time(timeProvider.GetUtcNow()))],
                transaction,
                cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
