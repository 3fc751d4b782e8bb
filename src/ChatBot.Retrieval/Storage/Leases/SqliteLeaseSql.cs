namespace ChatBot.Retrieval.Storage.Leases;

/// <summary>The lease table in SQLite.</summary>
internal static class SqliteLeaseSql
{
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS leases (
            key TEXT PRIMARY KEY,
            holder TEXT NOT NULL,
            expires_at INTEGER NOT NULL
        );
        """;

    /// <summary>Unix milliseconds to round-trip UTC text ("2026-11-29T07:05:00.0000000+00:00"), so text order is time order.</summary>
    public const string TextTimes = """
        UPDATE leases SET expires_at = strftime('%Y-%m-%dT%H:%M:%f', expires_at / 1000.0, 'unixepoch') || '0000+00:00'
        WHERE typeof(expires_at) = 'integer';
        """;
}
