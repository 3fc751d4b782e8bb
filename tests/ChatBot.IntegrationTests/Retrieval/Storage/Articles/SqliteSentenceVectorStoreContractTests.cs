using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.IntegrationTests.Retrieval.Storage.Articles;

public sealed class SqliteSentenceVectorStoreContractTests() : SentenceVectorStoreContractTests(SqlDialect.Sqlite);
