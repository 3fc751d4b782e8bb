using System.Globalization;
using ChatBot.IntegrationTests.Retrieval.Storage.Sql;
using ChatBot.Retrieval.Ingestion.Web;
using ChatBot.Retrieval.Storage;
using ChatBot.Retrieval.Storage.HttpCache;
using ChatBot.Retrieval.Storage.Sql;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.IntegrationTests.Retrieval.Storage.HttpCache;

/// <summary>What every <see cref="IHttpValidatorStore"/> must do; two store instances stand for two replicas.</summary>
public abstract class HttpValidatorStoreContractTests(SqlDialect dialect) : IAsyncLifetime
{
    private static readonly DateTimeOffset Modified = DateTimeOffset.Parse("2026-05-01T10:00:00Z", CultureInfo.InvariantCulture);

    protected IHttpValidatorStore ReplicaA { get; private set; } = null!;

    protected IHttpValidatorStore ReplicaB { get; private set; } = null!;

    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(dialect);
        await _database.MigrateAsync(new FakeTimeProvider(), HttpValidatorStore.Migration);
        ReplicaA = new HttpValidatorStore(_database.Open());
        ReplicaB = new HttpValidatorStore(_database.Open());
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Set_ThenGetOnOtherReplica_RoundTripsValidatorsAndSource()
    {
        await ReplicaA.SetAsync("https://example.com/a", new HttpValidators("\"v1\"", Modified), "https://example.com/canonical-a", default);

        var found = await ReplicaB.GetAsync("https://example.com/a", default);

        Assert.NotNull(found);
        Assert.Equal("\"v1\"", found.Value.Validators.ETag);
        Assert.Equal(Modified, found.Value.Validators.LastModified);
        Assert.Equal("https://example.com/canonical-a", found.Value.Source);
    }

    [Fact]
    public async Task Set_SameKeyAgain_ReplacesAndUnknownKeyIsNull()
    {
        await ReplicaA.SetAsync("feed-item:guid-1", new HttpValidators("\"v1\"", null), "s1", default);
        await ReplicaB.SetAsync("feed-item:guid-1", new HttpValidators(null, null), "s2", default);

        var found = await ReplicaA.GetAsync("feed-item:guid-1", default);

        Assert.Equal((null, null, "s2"), (found!.Value.Validators.ETag, found.Value.Validators.LastModified, found.Value.Source));
        Assert.Null(await ReplicaA.GetAsync("never-seen", default));
    }
}
