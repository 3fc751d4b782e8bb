using ChatBot.Retrieval.Storage;
using ChatBot.Retrieval.Storage.Articles;
using ChatBot.Retrieval.Storage.Events;
using ChatBot.Retrieval.Storage.Sql;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.IntegrationTests.Storage;

public sealed class SqliteEventDeduplicatorTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task TryClaim_Redelivery_IsRefused()
    {
        var deduplicator = await CreateAsync();

        Assert.True(await deduplicator.TryClaimAsync("slack", "Ev1", CancellationToken.None));
        Assert.False(await deduplicator.TryClaimAsync("slack", "Ev1", CancellationToken.None));
        Assert.True(await deduplicator.TryClaimAsync("discord", "Ev1", CancellationToken.None));
    }

    [Fact]
    public async Task TryClaim_IdsOlderThanTheRetention_ForgottenAtTheNextDuePrune_RecentOnesKept()
    {
        var deduplicator = await CreateAsync();
        Assert.True(await deduplicator.TryClaimAsync("slack", "old", CancellationToken.None));
        await deduplicator.LastPrune;

        _time.Advance(ProcessedEventPruning.Retention + TimeSpan.FromDays(1));
        Assert.True(await deduplicator.TryClaimAsync("slack", "new", CancellationToken.None));
        await deduplicator.LastPrune;

        Assert.True(await deduplicator.TryClaimAsync("slack", "old", CancellationToken.None));
        Assert.False(await deduplicator.TryClaimAsync("slack", "new", CancellationToken.None));
    }

    private async Task<SqliteEventDeduplicator> CreateAsync()
    {
        var connections = new SqliteConnectionFactory(Options.Create(new StorageOptions { DataDirectory = _directory.Path }));
        await new SqliteArticleStore(connections, [SqliteEventDeduplicator.Migration], _time).MigrateAsync(CancellationToken.None);
        return new SqliteEventDeduplicator(connections, _time);
    }
}
