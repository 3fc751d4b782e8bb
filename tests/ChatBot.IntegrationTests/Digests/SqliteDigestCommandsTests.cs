using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.IntegrationTests.Digests;

public sealed class SqliteDigestCommandsTests() : DigestCommandsTests(SqlDialect.Sqlite);
