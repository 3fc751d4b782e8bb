using Microsoft.Extensions.Hosting;

namespace ChatBot.Retrieval.Storage.Sqlite;

/// <summary>
/// Under PostgreSQL, the state that has no PostgreSQL store yet (conversation turns, digest schedules and feeds)
/// stays in the local SQLite file: this applies its migrations at start, before anything uses it.
/// </summary>
public sealed class SqliteSideStoreMigrationService(
    SqliteConnectionFactory connections,
    IEnumerable<SqliteMigration> migrations,
    TimeProvider timeProvider) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        SqliteMigrator.MigrateAsync(connections, migrations, timeProvider, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
