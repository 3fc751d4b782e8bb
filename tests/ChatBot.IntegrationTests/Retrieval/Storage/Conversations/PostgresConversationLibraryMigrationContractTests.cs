using ChatBot.IntegrationTests.Retrieval.Storage.Sql;
using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.IntegrationTests.Retrieval.Storage.Conversations;

[Collection(PostgresCollection.Name)]
public sealed class PostgresConversationLibraryMigrationContractTests() : ConversationLibraryMigrationContractTests(SqlDialect.Postgres);
