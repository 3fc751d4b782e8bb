using ChatBot.IntegrationTests.Retrieval.Storage.Sql;
using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.IntegrationTests.Digests;

[Collection(PostgresCollection.Name)]
public sealed class PostgresDigestCommandsTests() : DigestCommandsTests(SqlDialect.Postgres);
