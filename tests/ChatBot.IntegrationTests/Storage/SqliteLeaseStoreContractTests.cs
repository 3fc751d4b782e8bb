using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.IntegrationTests.Storage;

public sealed class SqliteLeaseStoreContractTests() : LeaseStoreContractTests(SqlDialect.Sqlite);
