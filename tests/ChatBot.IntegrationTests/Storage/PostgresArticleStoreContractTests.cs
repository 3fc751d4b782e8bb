using ChatBot.Retrieval.Storage;
using ChatBot.Retrieval.Storage.Articles;
using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.IntegrationTests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class PostgresArticleStoreContractTests : ArticleStoreContractTests
{
    private PostgresTestSchema? _schema;
    private PostgresConnectionFactory? _connections;

    protected override async Task<IArticleStore> CreateStoreAsync()
    {
        _schema = await PostgresTestServer.CreateSchemaAsync();
        _connections = StoreFactory.Connections(_schema.ConnectionString);
        return StoreFactory.ArticleStore(_connections, Time);
    }

    protected override async Task DisposeStoreAsync()
    {
        if (_connections is not null)
        {
            await _connections.DisposeAsync();
        }

        if (_schema is not null)
        {
            await _schema.DisposeAsync();
        }
    }
}
