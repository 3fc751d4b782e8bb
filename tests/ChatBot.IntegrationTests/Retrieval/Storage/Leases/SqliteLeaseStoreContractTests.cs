using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.IntegrationTests.Retrieval.Storage.Leases;

public sealed class SqliteLeaseStoreContractTests() : LeaseStoreContractTests(SqlDialect.Sqlite);
