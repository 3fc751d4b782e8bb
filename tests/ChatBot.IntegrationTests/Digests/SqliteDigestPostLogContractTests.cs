namespace ChatBot.IntegrationTests.Digests;

public sealed class SqliteDigestPostLogContractTests() : DigestPostLogContractTests(postgres: false);
