namespace ChatBot.Retrieval.Storage.HttpCache;

/// <summary>The HTTP validator table in SQLite.</summary>
internal static class SqliteHttpValidatorSql
{
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS http_validators (
            url TEXT PRIMARY KEY,
            etag TEXT NULL,
            last_modified TEXT NULL,
            source TEXT NOT NULL
        );
        """;
}
