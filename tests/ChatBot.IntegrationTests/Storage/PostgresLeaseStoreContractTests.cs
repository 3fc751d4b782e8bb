using ChatBot.Retrieval.Storage;
using ChatBot.Retrieval.Storage.Leases;
using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.IntegrationTests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class PostgresLeaseStoreContractTests : LeaseStoreContractTests
{
    private PostgresTestSchema? _schema;
    private PostgresConnectionFactory? _connectionsA;
    private PostgresConnectionFactory? _connectionsB;

    protected override async Task<(ILeaseStore A, ILeaseStore B)> CreateStoresAsync()
    {
        _schema = await PostgresTestServer.CreateSchemaAsync();
        _connectionsA = StoreFactory.Connections(_schema.ConnectionString);
        _connectionsB = StoreFactory.Connections(_schema.ConnectionString);
        await StoreFactory.ArticleStore(_connectionsA, Time).MigrateAsync(CancellationToken.None);
        return (new PostgresLeaseStore(_connectionsA, Time), new PostgresLeaseStore(_connectionsB, Time));
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
