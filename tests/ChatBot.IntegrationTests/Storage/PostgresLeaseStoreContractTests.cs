using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.IntegrationTests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class PostgresLeaseStoreContractTests() : LeaseStoreContractTests(SqlDialect.Postgres);
