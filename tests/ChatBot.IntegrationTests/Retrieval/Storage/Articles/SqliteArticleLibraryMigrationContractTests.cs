using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.IntegrationTests.Retrieval.Storage.Articles;

public sealed class SqliteArticleLibraryMigrationContractTests() : ArticleLibraryMigrationContractTests(SqlDialect.Sqlite);
