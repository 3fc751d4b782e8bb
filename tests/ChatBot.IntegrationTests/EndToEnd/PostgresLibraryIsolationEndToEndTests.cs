using ChatBot.IntegrationTests.Retrieval.Storage.Sql;
using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.IntegrationTests.EndToEnd;

[Collection(PostgresCollection.Name)]
public sealed class PostgresLibraryIsolationEndToEndTests() : LibraryIsolationEndToEndContractTests(SqlDialect.Postgres);
