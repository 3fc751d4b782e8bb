namespace ChatBot.IntegrationTests.Digests;

public sealed class SqliteDigestCommandsTests() : DigestCommandsTests(postgres: false);
