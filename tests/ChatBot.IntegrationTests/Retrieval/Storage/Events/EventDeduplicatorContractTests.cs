using ChatBot.Core.Events;
using ChatBot.IntegrationTests.Retrieval.Storage.Sql;
using ChatBot.Retrieval.Storage;
using ChatBot.Retrieval.Storage.Events;
using ChatBot.Retrieval.Storage.Sql;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.IntegrationTests.Retrieval.Storage.Events;

/// <summary>What every <see cref="IEventDeduplicator"/> must do; two instances stand for two replicas (or processes).</summary>
public abstract class EventDeduplicatorContractTests(SqlDialect dialect) : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));
    private TestDatabase _database = null!;
    private EventDeduplicator _replicaA = null!;
    private EventDeduplicator _replicaB = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(dialect);
        await _database.MigrateAsync(_time, EventDeduplicator.Migration);
        _replicaA = new EventDeduplicator(_database.Open(), _time);
        _replicaB = new EventDeduplicator(_database.Open(), _time);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task TryClaim_SameEventOnTwoReplicasAtOnce_ExactlyOneWins()
    {
        var replicaA = _replicaA;
        var replicaB = _replicaB;
        var ids = Enumerable.Range(0, 25).Select(i => "Ev" + i).ToList();

        var claims = await Task.WhenAll(ids.SelectMany(id => new[]
        {
            Task.Run(() => replicaA.TryClaimAsync("slack", id, CancellationToken.None)),
            Task.Run(() => replicaB.TryClaimAsync("slack", id, CancellationToken.None)),
        }));

        for (var i = 0; i < ids.Count; i++)
        {
            Assert.True(claims[2 * i] ^ claims[(2 * i) + 1], $"event {ids[i]}: exactly one replica must win");
        }
    }

    [Fact]
    public async Task TryClaim_Redelivery_IsRefused()
    {
        var deduplicator = _replicaA;

        var first = await deduplicator.TryClaimAsync("discord", "123", CancellationToken.None);
        var again = await deduplicator.TryClaimAsync("discord", "123", CancellationToken.None);
        var otherPlatform = await deduplicator.TryClaimAsync("slack", "123", CancellationToken.None);

        Assert.True(first);
        Assert.False(again);
        Assert.True(otherPlatform);
    }

    [Fact]
    public async Task TryClaim_IdsOlderThanTheRetention_ForgottenAtTheNextDuePrune_RecentOnesKept()
    {
        var deduplicator = _replicaA;
        Assert.True(await deduplicator.TryClaimAsync("slack", "old", CancellationToken.None));
        await deduplicator.LastPrune;

        _time.Advance(ProcessedEventPruning.Retention + TimeSpan.FromDays(1));
        Assert.True(await deduplicator.TryClaimAsync("slack", "new", CancellationToken.None));
        await deduplicator.LastPrune;

        Assert.True(await deduplicator.TryClaimAsync("slack", "old", CancellationToken.None));
        Assert.False(await deduplicator.TryClaimAsync("slack", "new", CancellationToken.None));
    }
}
