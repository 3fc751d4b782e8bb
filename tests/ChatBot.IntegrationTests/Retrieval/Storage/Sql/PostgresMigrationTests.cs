using ChatBot.Retrieval.Storage.Events;
using ChatBot.Retrieval.Storage.Leases;
using ChatBot.Retrieval.Storage.Sql;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.IntegrationTests.Retrieval.Storage.Sql;

[Collection(PostgresCollection.Name)]
public sealed class PostgresMigrationTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new();
    private PostgresTestSchema _schema = null!;

    public async Task InitializeAsync() => _schema = await PostgresTestServer.CreateSchemaAsync();

    public async Task DisposeAsync() => await _schema.DisposeAsync();

    [Fact]
    public async Task Migrate_Twice_AppliesEachMigrationOnce()
    {
        await using var connections = StoreFactory.Connections(_schema.ConnectionString);
        var migrator = Migrator(connections);

        await migrator.MigrateAsync(CancellationToken.None);
        await migrator.MigrateAsync(CancellationToken.None);

        Assert.Equal(5, await _schema.ScalarAsync("SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task Migrate_TwoReplicasAtOnce_BothSucceedAndApplyEachMigrationOnce()
    {
        await using var connectionsA = StoreFactory.Connections(_schema.ConnectionString);
        await using var connectionsB = StoreFactory.Connections(_schema.ConnectionString);
        var replicaA = Migrator(connectionsA);
        var replicaB = Migrator(connectionsB);

        await Task.WhenAll(
            Task.Run(() => replicaA.MigrateAsync(CancellationToken.None)),
            Task.Run(() => replicaB.MigrateAsync(CancellationToken.None)));

        Assert.Equal(5, await _schema.ScalarAsync("SELECT count(*) FROM schema_migrations"));
        Assert.Equal(5, await _schema.ScalarAsync("SELECT count(DISTINCT name) FROM schema_migrations"));
        Assert.Equal(0, await _schema.ScalarAsync("SELECT count(*) FROM articles"));
    }

    private ISchemaMigrator Migrator(PostgresConnectionFactory connections) =>
        TestDatabase.Migrator(connections, _time, EventDeduplicator.Migration, LeaseStore.Migration);
}
