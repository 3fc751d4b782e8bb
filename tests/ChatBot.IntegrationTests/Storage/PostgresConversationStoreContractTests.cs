using ChatBot.Core.Conversations;
using ChatBot.Retrieval.Storage.Articles;
using ChatBot.Retrieval.Storage.Conversations;
using ChatBot.Retrieval.Storage.Sql;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.IntegrationTests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class PostgresConversationStoreContractTests : ConversationStoreContractTests
{
    private PostgresTestSchema? _schema;
    private PostgresConnectionFactory? _connectionsA;
    private PostgresConnectionFactory? _connectionsB;

    protected override async Task<(IConversationStore A, IConversationStore B)> CreateStoresAsync()
    {
        _schema = await PostgresTestServer.CreateSchemaAsync();
        _connectionsA = StoreFactory.Connections(_schema.ConnectionString);
        _connectionsB = StoreFactory.Connections(_schema.ConnectionString);
        await new PostgresArticleStore(_connectionsA, [PostgresConversationStore.Migration], new FakeTimeProvider(), NullLogger<PostgresArticleStore>.Instance)
            .MigrateAsync(CancellationToken.None);
        return (new PostgresConversationStore(_connectionsA), new PostgresConversationStore(_connectionsB));
    }

    protected override async Task DisposeStoresAsync()
    {
        foreach (var connections in new[] { _connectionsA, _connectionsB })
        {
            if (connections is not null)
            {
                await connections.DisposeAsync();
            }
        }

        if (_schema is not null)
        {
            await _schema.DisposeAsync();
        }
    }
}
