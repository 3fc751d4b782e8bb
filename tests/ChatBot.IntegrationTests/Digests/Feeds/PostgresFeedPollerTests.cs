using ChatBot.IntegrationTests.Retrieval.Storage.Sql;
using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.IntegrationTests.Digests.Feeds;

[Collection(PostgresCollection.Name)]
public sealed class PostgresFeedPollerTests() : FeedPollerTests(SqlDialect.Postgres);
