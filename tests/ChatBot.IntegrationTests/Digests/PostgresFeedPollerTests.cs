using ChatBot.IntegrationTests.Storage;

namespace ChatBot.IntegrationTests.Digests;

[Collection(PostgresCollection.Name)]
public sealed class PostgresFeedPollerTests() : FeedPollerTests(postgres: true);
