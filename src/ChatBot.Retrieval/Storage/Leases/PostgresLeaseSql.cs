namespace ChatBot.Retrieval.Storage.Leases;

/// <summary>The lease table in PostgreSQL.</summary>
internal static class PostgresLeaseSql
{
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS leases (
            key text PRIMARY KEY,
            holder text NOT NULL,
            expires_at timestamptz NOT NULL
        );
        """;
}
