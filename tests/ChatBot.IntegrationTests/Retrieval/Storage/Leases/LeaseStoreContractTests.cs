using ChatBot.IntegrationTests.Retrieval.Storage.Sql;
using ChatBot.Retrieval.Storage;
using ChatBot.Retrieval.Storage.Leases;
using ChatBot.Retrieval.Storage.Sql;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.IntegrationTests.Retrieval.Storage.Leases;

/// <summary>What every <see cref="ILeaseStore"/> must do; two store instances stand for two replicas.</summary>
public abstract class LeaseStoreContractTests(SqlDialect dialect) : IAsyncLifetime
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(5);

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 29, 7, 0, 0, TimeSpan.Zero));

    protected ILeaseStore ReplicaA { get; private set; } = null!;

    protected ILeaseStore ReplicaB { get; private set; } = null!;

    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(dialect);
        await _database.MigrateAsync(Time, LeaseStore.Migration);
        ReplicaA = new LeaseStore(_database.Open(), Time);
        ReplicaB = new LeaseStore(_database.Open(), Time);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task TryAcquire_TwoHoldersAtOnce_OnlyOneGetsIt()
    {
        var results = await Task.WhenAll(
            Task.Run(() => ReplicaA.TryAcquireAsync("digest:2026-11-29", "a", Ttl, CancellationToken.None)),
            Task.Run(() => ReplicaB.TryAcquireAsync("digest:2026-11-29", "b", Ttl, CancellationToken.None)));

        Assert.Equal(1, results.Count(r => r));
    }

    [Fact]
    public async Task TryAcquire_LiveLeaseOfAnother_IsRefused()
    {
        await ReplicaA.TryAcquireAsync("slot", "a", Ttl, CancellationToken.None);
        Time.Advance(Ttl - TimeSpan.FromSeconds(1));

        Assert.False(await ReplicaB.TryAcquireAsync("slot", "b", Ttl, CancellationToken.None));
    }

    [Fact]
    public async Task TryAcquire_ExpiredLease_IsTakenOver()
    {
        await ReplicaA.TryAcquireAsync("slot", "a", Ttl, CancellationToken.None);
        Time.Advance(Ttl);

        var taken = await ReplicaB.TryAcquireAsync("slot", "b", Ttl, CancellationToken.None);

        Assert.True(taken);
        Assert.False(await ReplicaA.TryAcquireAsync("slot", "a", Ttl, CancellationToken.None));
    }

    [Fact]
    public async Task TryAcquire_SameHolder_RenewsIt()
    {
        await ReplicaA.TryAcquireAsync("slot", "a", Ttl, CancellationToken.None);
        Time.Advance(TimeSpan.FromMinutes(4));

        var renewed = await ReplicaA.TryAcquireAsync("slot", "a", Ttl, CancellationToken.None);
        Time.Advance(TimeSpan.FromMinutes(4));

        Assert.True(renewed);
        Assert.False(await ReplicaB.TryAcquireAsync("slot", "b", Ttl, CancellationToken.None));
    }

    [Fact]
    public async Task Release_ByHolder_LetsAnotherAcquire()
    {
        await ReplicaA.TryAcquireAsync("slot", "a", Ttl, CancellationToken.None);

        var released = await ReplicaA.ReleaseAsync("slot", "a", CancellationToken.None);

        Assert.True(released);
        Assert.True(await ReplicaB.TryAcquireAsync("slot", "b", Ttl, CancellationToken.None));
    }

    [Fact]
    public async Task Release_ByNonHolder_KeepsTheLease()
    {
        await ReplicaA.TryAcquireAsync("slot", "a", Ttl, CancellationToken.None);

        var released = await ReplicaB.ReleaseAsync("slot", "b", CancellationToken.None);

        Assert.False(released);
        Assert.False(await ReplicaB.TryAcquireAsync("slot", "b", Ttl, CancellationToken.None));
    }

    [Fact]
    public async Task TryAcquire_DifferentKeys_AreIndependent()
    {
        Assert.True(await ReplicaA.TryAcquireAsync("slot-1", "a", Ttl, CancellationToken.None));
        Assert.True(await ReplicaB.TryAcquireAsync("slot-2", "b", Ttl, CancellationToken.None));
    }
}
