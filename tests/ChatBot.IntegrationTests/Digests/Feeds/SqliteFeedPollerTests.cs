using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.IntegrationTests.Digests.Feeds;

public sealed class SqliteFeedPollerTests() : FeedPollerTests(SqlDialect.Sqlite);
