namespace ChatBot.Retrieval.Storage.Sql;

/// <summary>
/// Applies the registered migrations to the SQLite file (in WAL mode): each name once, in order, inside one immediate
/// transaction, so two processes starting together cannot both apply one.
/// </summary>
public sealed class SqliteMigrator(SqliteConnectionFactory connections, IEnumerable<SqlMigration> migrations, TimeProvider timeProvider) : ISchemaMigrator
{
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using (var connection = await connections.OpenAsync(cancellationToken))
        {
            await connection.ExecuteAsync("PRAGMA journal_mode = WAL;", [], null, cancellationToken);
        }

        await connections.InTransactionAsync(
            (connection, transaction, ct) => SqlMigrations.ApplyPendingAsync(connections, connection, transaction, migrations, timeProvider.GetUtcNow(), ct),
            cancellationToken);
    }
}
