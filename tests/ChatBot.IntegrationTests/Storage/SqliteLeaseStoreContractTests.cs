using ChatBot.Retrieval.Storage;
using ChatBot.Retrieval.Storage.Articles;
using ChatBot.Retrieval.Storage.Leases;
using ChatBot.Retrieval.Storage.Sql;
using Microsoft.Extensions.Options;

namespace ChatBot.IntegrationTests.Storage;

public sealed class SqliteLeaseStoreContractTests : LeaseStoreContractTests, IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    protected override async Task<(ILeaseStore A, ILeaseStore B)> CreateStoresAsync()
    {
        var options = Options.Create(new StorageOptions { DataDirectory = _directory.Path });
        var connectionsA = new SqliteConnectionFactory(options);
        var connectionsB = new SqliteConnectionFactory(options);
        await new SqliteArticleStore(connectionsA, [SqliteLeaseStore.Migration], Time).MigrateAsync(CancellationToken.None);
        return (new SqliteLeaseStore(connectionsA, Time), new SqliteLeaseStore(connectionsB, Time));
    }

    protected override Task DisposeStoresAsync() => Task.CompletedTask;
}
