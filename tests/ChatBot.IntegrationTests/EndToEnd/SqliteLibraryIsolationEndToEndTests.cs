using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.IntegrationTests.EndToEnd;

public sealed class SqliteLibraryIsolationEndToEndTests() : LibraryIsolationEndToEndContractTests(SqlDialect.Sqlite);
