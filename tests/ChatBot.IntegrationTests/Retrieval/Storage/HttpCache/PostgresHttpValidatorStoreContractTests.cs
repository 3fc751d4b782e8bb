using ChatBot.IntegrationTests.Retrieval.Storage.Sql;
using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.IntegrationTests.Retrieval.Storage.HttpCache;

[Collection(PostgresCollection.Name)]
public sealed class PostgresHttpValidatorStoreContractTests() : HttpValidatorStoreContractTests(SqlDialect.Postgres);
