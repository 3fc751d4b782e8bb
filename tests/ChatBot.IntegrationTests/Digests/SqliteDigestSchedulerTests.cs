using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.IntegrationTests.Digests;

public sealed class SqliteDigestSchedulerTests() : DigestSchedulerTests(SqlDialect.Sqlite);
