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
}
