namespace ChatBot.Retrieval.Stats;

/// <summary>The question log's tables in SQLite.</summary>
internal static class SqliteStatsSql
{
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS questions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            library TEXT NOT NULL,
            platform TEXT NOT NULL,
            user_hash TEXT NOT NULL,
            outcome TEXT NOT NULL,
            answer_ms INTEGER NOT NULL,
            model_fallback TEXT,
            question TEXT NOT NULL,
            answer TEXT NOT NULL,
            citations TEXT NOT NULL,
            asked_at TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS questions_asked ON questions(asked_at);
        CREATE INDEX IF NOT EXISTS questions_library_asked ON questions(library, asked_at);
        CREATE TABLE IF NOT EXISTS question_votes (
            question_id INTEGER NOT NULL REFERENCES questions(id) ON DELETE CASCADE,
            user_hash TEXT NOT NULL,
            vote INTEGER NOT NULL CHECK (vote IN (-1, 1)),
            voted_at TEXT NOT NULL,
            PRIMARY KEY (question_id, user_hash)
        );
        CREATE TABLE IF NOT EXISTS stats_secret (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            secret TEXT NOT NULL
        );
        """;
}
