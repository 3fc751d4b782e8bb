using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.IntegrationTests.Retrieval.Storage.HttpCache;

public sealed class SqliteHttpValidatorStoreContractTests() : HttpValidatorStoreContractTests(SqlDialect.Sqlite);
