using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.IntegrationTests.Libraries;

public sealed class SqliteLibraryIsolationContractTests() : LibraryIsolationContractTests(SqlDialect.Sqlite);
