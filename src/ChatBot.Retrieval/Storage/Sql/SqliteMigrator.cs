using Microsoft.Data.Sqlite;

namespace ChatBot.Retrieval.Storage.Sql;

/// <summary>
/// Applies named migrations to the SQLite file: each name once, in order, inside one immediate transaction,
/// so two processes starting together cannot both apply one.
/// </summary>
public static class SqliteMigrator
{
    public static async Task MigrateAsync(SqliteConnectionFactory connections, IEnumerable<SqliteMigration> migrations, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connections);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL;", cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await ExecuteAsync(connection, transaction, "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL);", cancellationToken);
        foreach (var migration in migrations.DistinctBy(m => m.Name))
        {
            await using var check = connection.CreateCommand();
            check.Transaction = transaction;
            check.CommandText = "SELECT 1 FROM schema_migrations WHERE name = $name";
            check.Parameters.AddWithValue("$name", migration.Name);
            if (await check.ExecuteScalarAsync(cancellationToken) is not null)
            {
                continue;
            }

            await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
            await using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_migrations (name, applied_at) VALUES ($name, $at)";
            record.Parameters.AddWithValue("$name", migration.Name);
            record.Parameters.AddWithValue("$at", timeProvider.GetUtcNow().ToString("O"));
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
