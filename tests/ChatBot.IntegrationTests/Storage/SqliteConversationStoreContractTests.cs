using ChatBot.Core.Conversations;
using ChatBot.Retrieval.Storage;
using ChatBot.Retrieval.Storage.Articles;
using ChatBot.Retrieval.Storage.Conversations;
using ChatBot.Retrieval.Storage.Sql;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.IntegrationTests.Storage;

public sealed class SqliteConversationStoreContractTests : ConversationStoreContractTests, IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    protected override async Task<(IConversationStore A, IConversationStore B)> CreateStoresAsync()
    {
        var options = Options.Create(new StorageOptions { DataDirectory = _directory.Path });
        var connectionsA = new SqliteConnectionFactory(options);
        var connectionsB = new SqliteConnectionFactory(options);
        await new SqliteArticleStore(connectionsA, [SqliteConversationStore.Migration], new FakeTimeProvider()).MigrateAsync(CancellationToken.None);
        return (new SqliteConversationStore(connectionsA), new SqliteConversationStore(connectionsB));
    }

    protected override Task DisposeStoresAsync() => Task.CompletedTask;
}
