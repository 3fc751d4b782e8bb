using ChatBot.IntegrationTests.Retrieval.Storage.Sql;
using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.IntegrationTests.Retrieval.Storage.Articles;

[Collection(PostgresCollection.Name)]
public sealed class PostgresSentenceVectorStoreContractTests() : SentenceVectorStoreContractTests(SqlDialect.Postgres);
