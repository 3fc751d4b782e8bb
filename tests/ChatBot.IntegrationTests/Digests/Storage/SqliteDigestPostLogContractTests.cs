using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.IntegrationTests.Digests.Storage;

public sealed class SqliteDigestPostLogContractTests() : DigestPostLogContractTests(SqlDialect.Sqlite);
