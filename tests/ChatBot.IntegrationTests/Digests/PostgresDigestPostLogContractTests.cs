using ChatBot.IntegrationTests.Storage;

namespace ChatBot.IntegrationTests.Digests;

[Collection(PostgresCollection.Name)]
public sealed class PostgresDigestPostLogContractTests() : DigestPostLogContractTests(postgres: true);
