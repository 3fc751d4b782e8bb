using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.IntegrationTests.EndToEnd.Stats;

/// <summary>Tests on a <see cref="StatsHost"/> of one dialect, made before each test and disposed after it.</summary>
public abstract class StatsHostTests(SqlDialect dialect) : IAsyncLifetime
{
    protected StatsHost Stats { get; private set; } = null!;

    public async Task InitializeAsync() => Stats = await StatsHost.CreateAsync(dialect);

    public async Task DisposeAsync() => await Stats.DisposeAsync();
}
