using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.IntegrationTests.Retrieval.Storage.Events;

public sealed class SqliteEventDeduplicatorContractTests() : EventDeduplicatorContractTests(SqlDialect.Sqlite);
