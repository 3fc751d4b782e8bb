using ChatBot.Retrieval.Storage;
using ChatBot.Retrieval.Storage.Events;
using ChatBot.Retrieval.Storage.Sql;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.IntegrationTests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class PostgresEventDeduplicatorTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new();
    private PostgresTestSchema _schema = null!;
    private PostgresConnectionFactory _connectionsA = null!;
    private PostgresConnectionFactory _connectionsB = null!;

    public async Task InitializeAsync()
    {
        _schema = await PostgresTestServer.CreateSchemaAsync();
        _connectionsA = StoreFactory.Connections(_schema.ConnectionString);
        _connectionsB = StoreFactory.Connections(_schema.ConnectionString);
        await StoreFactory.ArticleStore(_connectionsA, _time).MigrateAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _connectionsA.DisposeAsync();
        await _connectionsB.DisposeAsync();
        await _schema.DisposeAsync();
    }

    [Fact]
    public async Task TryClaim_SameEventOnTwoReplicasAtOnce_ExactlyOneWins()
    {
        var replicaA = new PostgresEventDeduplicator(_connectionsA, _time);
        var replicaB = new PostgresEventDeduplicator(_connectionsB, _time);
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
        var deduplicator = new PostgresEventDeduplicator(_connectionsA, _time);

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
        var deduplicator = new PostgresEventDeduplicator(_connectionsA, _time);
        Assert.True(await deduplicator.TryClaimAsync("slack", "old", CancellationToken.None));
        await deduplicator.LastPrune;

        _time.Advance(ProcessedEventPruning.Retention + TimeSpan.FromDays(1));
        Assert.True(await deduplicator.TryClaimAsync("slack", "new", CancellationToken.None));
        await deduplicator.LastPrune;

        Assert.True(await deduplicator.TryClaimAsync("slack", "old", CancellationToken.None));
        Assert.False(await deduplicator.TryClaimAsync("slack", "new", CancellationToken.None));
    }
}
