using ChatBot.Retrieval.Storage;
using ChatBot.Retrieval.Storage.Articles;
using ChatBot.Retrieval.Storage.HttpCache;
using ChatBot.Retrieval.Storage.Sql;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.IntegrationTests.Storage;

public sealed class SqliteHttpValidatorStoreContractTests : HttpValidatorStoreContractTests, IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    protected override async Task<(IHttpValidatorStore A, IHttpValidatorStore B)> CreateStoresAsync()
    {
        var options = Options.Create(new StorageOptions { DataDirectory = _directory.Path });
        var connectionsA = new SqliteConnectionFactory(options);
        var connectionsB = new SqliteConnectionFactory(options);
        await new SqliteArticleStore(connectionsA, [SqliteHttpValidatorStore.Migration], new FakeTimeProvider()).MigrateAsync(CancellationToken.None);
        return (new SqliteHttpValidatorStore(connectionsA), new SqliteHttpValidatorStore(connectionsB));
    }

    protected override Task DisposeStoresAsync() => Task.CompletedTask;
}
