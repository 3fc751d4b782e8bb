namespace ChatBot.IntegrationTests.Digests;

public sealed class SqliteDigestScheduleStoreContractTests() : DigestScheduleStoreContractTests(postgres: false);
