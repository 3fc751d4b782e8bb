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

    /// <summary>0022: every turn carries its library; existing turns go into {0} (<c>Libraries:Default</c>).</summary>
    public const string LibrariesMigration = """
        ALTER TABLE conversation_turns ADD COLUMN library TEXT NOT NULL DEFAULT '{0}';
        DROP INDEX IF EXISTS conversation_turns_thread;
        CREATE INDEX IF NOT EXISTS conversation_turns_library_thread ON conversation_turns(library, platform, channel_id, thread_id, id);
        """;
}
