using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.IntegrationTests.Libraries;

public sealed class SqliteLibraryDigestContractTests() : LibraryDigestContractTests(SqlDialect.Sqlite);
