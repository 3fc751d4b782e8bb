using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.IntegrationTests.Storage;

public sealed class SqliteConversationStoreContractTests() : ConversationStoreContractTests(SqlDialect.Sqlite);
