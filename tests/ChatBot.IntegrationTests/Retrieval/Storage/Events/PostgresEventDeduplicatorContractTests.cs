using ChatBot.IntegrationTests.Retrieval.Storage.Sql;
using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.IntegrationTests.Retrieval.Storage.Events;

[Collection(PostgresCollection.Name)]
public sealed class PostgresEventDeduplicatorContractTests() : EventDeduplicatorContractTests(SqlDialect.Postgres);
