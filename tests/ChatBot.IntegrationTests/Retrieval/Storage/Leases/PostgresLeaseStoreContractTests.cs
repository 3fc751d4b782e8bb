using ChatBot.IntegrationTests.Retrieval.Storage.Sql;
using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.IntegrationTests.Retrieval.Storage.Leases;

[Collection(PostgresCollection.Name)]
public sealed class PostgresLeaseStoreContractTests() : LeaseStoreContractTests(SqlDialect.Postgres);
