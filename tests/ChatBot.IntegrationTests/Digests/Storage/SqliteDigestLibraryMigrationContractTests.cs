using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.IntegrationTests.Digests.Storage;

public sealed class SqliteDigestLibraryMigrationContractTests() : DigestLibraryMigrationContractTests(SqlDialect.Sqlite);
