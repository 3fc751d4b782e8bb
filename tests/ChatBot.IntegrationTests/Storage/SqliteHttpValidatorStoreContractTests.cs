using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.IntegrationTests.Storage;

public sealed class SqliteHttpValidatorStoreContractTests() : HttpValidatorStoreContractTests(SqlDialect.Sqlite);
