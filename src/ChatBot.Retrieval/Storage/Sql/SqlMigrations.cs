using System.Data.Common;

namespace ChatBot.Retrieval.Storage.Sql;

/// <summary>
/// What both migration runners do inside their locked transaction: create <c>schema_migrations</c>, then apply each
/// registered migration not recorded there yet, in order, and record it.
/// </summary>
internal static class SqlMigrations
{
    /// <summary>Applies the pending migrations; returns the names applied.</summary>
    public static async Task<List<string>> ApplyPendingAsync(
        SqlDatabase database, DbConnection connection, DbTransaction transaction, IEnumerable<SqlMigration> migrations, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var applied = new List<string>();
        await connection.ExecuteAsync(
            database.Pick(
                "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)",
                "CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL)"),
            [],
            transaction,
            cancellationToken);
        foreach (var migration in migrations.DistinctBy(m => m.Name))
        {
            if (await connection.ScalarAsync("SELECT 1 FROM schema_migrations WHERE name = @name", [("name", migration.Name)], transaction, cancellationToken) is not null)
            {
                continue;
            }

            await connection.ExecuteAsync(database.Pick(migration.Sqlite, migration.Postgres), [], transaction, cancellationToken);
            await connection.ExecuteAsync(
                "INSERT INTO schema_migrations (name, applied_at) VALUES (@name, @at)", [("name", migration.Name), ("at", database.Time(now))], transaction, cancellationToken);
            applied.Add(migration.Name);
        }

        return applied;
    }
}
