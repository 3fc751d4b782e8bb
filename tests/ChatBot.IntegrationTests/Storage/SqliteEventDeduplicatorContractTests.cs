using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.IntegrationTests.Storage;

public sealed class SqliteEventDeduplicatorContractTests() : EventDeduplicatorContractTests(SqlDialect.Sqlite);
