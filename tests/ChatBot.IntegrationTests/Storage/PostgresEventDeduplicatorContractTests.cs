using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.IntegrationTests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class PostgresEventDeduplicatorContractTests() : EventDeduplicatorContractTests(SqlDialect.Postgres);
