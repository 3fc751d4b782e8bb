using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.IntegrationTests.Storage;

public sealed class SqliteArticleLibraryMigrationContractTests() : ArticleLibraryMigrationContractTests(SqlDialect.Sqlite);
