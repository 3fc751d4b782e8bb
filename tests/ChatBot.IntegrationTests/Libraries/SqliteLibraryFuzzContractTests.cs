using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.IntegrationTests.Libraries;

public sealed class SqliteLibraryFuzzContractTests() : LibraryFuzzContractTests(SqlDialect.Sqlite);
