using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.IntegrationTests.Storage;

public sealed class SqliteArticleStoreContractTests() : ArticleStoreContractTests(SqlDialect.Sqlite);
