using ChatBot.IntegrationTests.Retrieval.Storage.Sql;
using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.IntegrationTests.Libraries;

[Collection(PostgresCollection.Name)]
public sealed class PostgresLibraryDigestContractTests() : LibraryDigestContractTests(SqlDialect.Postgres);
