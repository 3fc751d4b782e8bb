using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.IntegrationTests.Digests.Storage;

public sealed class SqliteFeedStoreContractTests() : FeedStoreContractTests(SqlDialect.Sqlite);
