namespace ChatBot.Retrieval.Storage.Conversations;

/// <summary>The conversation table in SQLite.</summary>
internal static class SqliteConversationSql
{
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS conversation_turns (
            id INTEGER PRIMARY KEY,
            platform TEXT NOT NULL,
            channel_id TEXT NOT NULL,
            thread_id TEXT NOT NULL,
            role TEXT NOT NULL,
            text TEXT NOT NULL,
            at TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS conversation_turns_thread ON conversation_turns(platform, channel_id, thread_id, id);
        """;
}
