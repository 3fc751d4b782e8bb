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
                await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@key)", [("key", MigrationLockKey)], transaction, ct);
                return await SqlMigrations.ApplyPendingAsync(connections, connection, transaction, migrations, timeProvider.GetUtcNow(), ct);
            },
            cancellationToken);
        foreach (var name in applied)
        {
            PostgresLog.MigrationApplied(logger, name);
        }
    }
}
