namespace ChatBot.IntegrationTests.Digests;

public sealed class SqliteFeedPollerTests() : FeedPollerTests(postgres: false);
