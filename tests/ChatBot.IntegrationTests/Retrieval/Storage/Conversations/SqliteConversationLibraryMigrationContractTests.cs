using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.IntegrationTests.Retrieval.Storage.Conversations;

public sealed class SqliteConversationLibraryMigrationContractTests() : ConversationLibraryMigrationContractTests(SqlDialect.Sqlite);
