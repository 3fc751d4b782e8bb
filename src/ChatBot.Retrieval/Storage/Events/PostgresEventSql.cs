namespace ChatBot.Retrieval.Storage.Events;

/// <summary>The processed-event table in PostgreSQL.</summary>
internal static class PostgresEventSql
{
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS processed_events (
            platform text NOT NULL,
            event_id text NOT NULL,
            processed_at timestamptz NOT NULL,
            PRIMARY KEY (platform, event_id)
        );
        """;
}
