namespace ChatBot.Retrieval.Storage.Conversations;

/// <summary>The conversation table in PostgreSQL.</summary>
internal static class PostgresConversationSql
{
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS conversation_turns (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            platform text NOT NULL,
            channel_id text NOT NULL,
            thread_id text NOT NULL,
            role text NOT NULL,
            text text NOT NULL,
            at timestamptz NOT NULL
        );
        CREATE INDEX IF NOT EXISTS conversation_turns_thread ON conversation_turns (platform, channel_id, thread_id, id);
        """;

    /// <summary>0022, as <see cref="SqliteConversationSql.LibrariesMigration"/>: existing turns go into {0}, then the default is dropped.</summary>
    public const string LibrariesMigration = """
        ALTER TABLE conversation_turns ADD COLUMN library text NOT NULL DEFAULT '{0}';
        ALTER TABLE conversation_turns ALTER COLUMN library DROP DEFAULT;
        DROP INDEX IF EXISTS conversation_turns_thread;
        CREATE INDEX conversation_turns_library_thread ON conversation_turns (library, platform, channel_id, thread_id, id);
        """;
}
