using ChatBot.IntegrationTests.Retrieval.Storage.Sql;
using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.IntegrationTests.Digests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class PostgresDigestLibraryMigrationContractTests() : DigestLibraryMigrationContractTests(SqlDialect.Postgres);
