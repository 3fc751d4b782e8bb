using ChatBot.Retrieval.Logging;
using Microsoft.Extensions.Logging;

namespace ChatBot.Retrieval.Storage.Sql;

/// <summary>
/// Applies the registered migrations to the PostgreSQL database: each name once, in order, in one transaction that
/// holds an advisory lock, so replicas starting together apply each exactly once.
/// </summary>
public sealed class PostgresMigrator(
    PostgresConnectionFactory connections,
    IEnumerable<SqlMigration> migrations,
    TimeProvider timeProvider,
    ILogger<PostgresMigrator> logger) : ISchemaMigrator
{
    /// <summary>Advisory lock key held by the migration transaction ("chatbot-migrate").</summary>
    public const long MigrationLockKey = 0x63686174_6D696772;

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var applied = await connections.InTransactionAsync(
            async (connection, transaction, ct) =>
            {
                var names = new List<string>();
                await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@key)", [("key", MigrationLockKey)], transaction, ct);
                await connection.ExecuteAsync("CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL)", [], transaction, ct);
                foreach (var migration in migrations.DistinctBy(m => m.Name))
                {
                    if (await connection.ScalarAsync("SELECT 1 FROM schema_migrations WHERE name = @name", [("name", migration.Name)], transaction, ct) is not null)
                    {
                        continue;
                    }

                    await connection.ExecuteAsync(migration.Postgres, [], transaction, ct);
                    await connection.ExecuteAsync(
                        "INSERT INTO schema_migrations (name, applied_at) VALUES (@name, @at)",
                        [("name", migration.Name), ("at", connections.Time(timeProvider.GetUtcNow()))],
                        transaction,
                        ct);
                    names.Add(migration.Name);
                }

                return names;
            },
            cancellationToken);
        foreach (var name in applied)
        {
            PostgresLog.MigrationApplied(logger, name);
        }
    }
}
