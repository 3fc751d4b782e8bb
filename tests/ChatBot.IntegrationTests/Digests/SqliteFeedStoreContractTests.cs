namespace ChatBot.IntegrationTests.Digests;

public sealed class SqliteFeedStoreContractTests() : FeedStoreContractTests(postgres: false);
