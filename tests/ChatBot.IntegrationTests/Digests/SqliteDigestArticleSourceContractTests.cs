namespace ChatBot.IntegrationTests.Digests;

public sealed class SqliteDigestArticleSourceContractTests() : DigestArticleSourceContractTests(postgres: false);
