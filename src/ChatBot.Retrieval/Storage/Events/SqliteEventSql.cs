namespace ChatBot.Retrieval.Storage.Events;

/// <summary>The processed-event table in SQLite.</summary>
internal static class SqliteEventSql
{
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS processed_events (
            platform TEXT NOT NULL,
            event_id TEXT NOT NULL,
            processed_at TEXT NOT NULL,
            PRIMARY KEY (platform, event_id)
        );
        """;
}
