namespace ChatBot.IntegrationTests.Digests;

public sealed class SqliteDigestSchedulerTests() : DigestSchedulerTests(postgres: false);
