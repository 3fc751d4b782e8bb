using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.IntegrationTests.Retrieval.Storage.Conversations;

public sealed class SqliteConversationStoreContractTests() : ConversationStoreContractTests(SqlDialect.Sqlite);
