using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.Retrieval.Storage.Articles;

/// <summary>The SQLite schema of the bot's shared tables.</summary>
internal static class SqliteSchema
{
    public static readonly SqliteMigration Articles = new("0001_articles", """
        CREATE TABLE IF NOT EXISTS articles (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL,
            url TEXT NULL,
            author TEXT NULL,
            published_at TEXT NULL,
            ingested_at TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            text TEXT NOT NULL,
            feed_id INTEGER NULL,
            chunk_count INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS articles_content_hash ON articles(content_hash);
        CREATE TABLE IF NOT EXISTS chunks (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            ordinal INTEGER NOT NULL,
            start INTEGER NOT NULL,
            text TEXT NOT NULL,
            text_hash TEXT NOT NULL,
            sentences TEXT NOT NULL,
            embedding BLOB NOT NULL,
            UNIQUE (article_id, ordinal)
        );
        CREATE INDEX IF NOT EXISTS chunks_text_hash ON chunks(text_hash);
        CREATE VIRTUAL TABLE IF NOT EXISTS chunks_fts USING fts5(title, text, tokenize = 'porter unicode61 remove_diacritics 2');
        """);
}
