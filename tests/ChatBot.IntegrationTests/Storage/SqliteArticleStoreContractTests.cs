using ChatBot.Retrieval.Storage;
using ChatBot.Retrieval.Storage.Articles;
using ChatBot.Retrieval.Storage.Events;
using ChatBot.Retrieval.Storage.Sql;
using Microsoft.Extensions.Options;

namespace ChatBot.IntegrationTests.Storage;

public sealed class SqliteArticleStoreContractTests : ArticleStoreContractTests, IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    protected override Task<IArticleStore> CreateStoreAsync()
    {
        var connections = new SqliteConnectionFactory(Options.Create(new StorageOptions { DataDirectory = _directory.Path }));
        return Task.FromResult<IArticleStore>(new SqliteArticleStore(connections, [SqliteEventDeduplicator.Migration], Time));
    }

    protected override Task DisposeStoreAsync() => Task.CompletedTask;
}
