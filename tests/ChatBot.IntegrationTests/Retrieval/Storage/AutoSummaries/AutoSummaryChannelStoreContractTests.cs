using ChatBot.Core.AutoSummaries;
using ChatBot.IntegrationTests.Retrieval.Storage.Sql;
using ChatBot.Retrieval.Storage.AutoSummaries;
using ChatBot.Retrieval.Storage.Sql;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.IntegrationTests.Retrieval.Storage.AutoSummaries;

/// <summary>What every <see cref="IAutoSummaryChannels"/> must do; two store instances stand for two replicas.</summary>
public abstract class AutoSummaryChannelStoreContractTests(SqlDialect dialect) : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private IAutoSummaryChannels _replicaA = null!;
    private IAutoSummaryChannels _replicaB = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(dialect);
        await _database.MigrateAsync(new FakeTimeProvider(), AutoSummaryChannelStore.Migration);
        _replicaA = new AutoSummaryChannelStore(_database.Open(), new FakeTimeProvider());
        _replicaB = new AutoSummaryChannelStore(_database.Open(), new FakeTimeProvider());
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task OnAndOff_PerPlatformAndChannel_SeenByEveryReplica()
    {
        Assert.False(await _replicaB.IsOnAsync("slack", "C1", default));

        Assert.True(await _replicaA.SetAsync("slack", "C1", on: true, default));
        Assert.False(await _replicaA.SetAsync("slack", "C1", on: true, default));

        Assert.True(await _replicaB.IsOnAsync("slack", "C1", default));
        Assert.False(await _replicaB.IsOnAsync("slack", "C2", default));
        Assert.False(await _replicaB.IsOnAsync("discord", "C1", default));

        Assert.True(await _replicaB.SetAsync("slack", "C1", on: false, default));
        Assert.False(await _replicaA.SetAsync("slack", "C1", on: false, default));
        Assert.False(await _replicaA.IsOnAsync("slack", "C1", default));
    }
}

public sealed class SqliteAutoSummaryChannelStoreContractTests() : AutoSummaryChannelStoreContractTests(SqlDialect.Sqlite);

[Collection(PostgresCollection.Name)]
public sealed class PostgresAutoSummaryChannelStoreContractTests() : AutoSummaryChannelStoreContractTests(SqlDialect.Postgres);
