namespace ChatBot.Retrieval.Storage.HttpCache;

/// <summary>The HTTP validator table in PostgreSQL.</summary>
internal static class PostgresHttpValidatorSql
{
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS http_validators (
            url text PRIMARY KEY,
            etag text NULL,
            last_modified timestamptz NULL,
            source text NOT NULL
        );
        """;
}
