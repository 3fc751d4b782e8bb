namespace ChatBot.Retrieval.Storage.Articles;

/// <summary>The article store's SQL on SQLite: articles, chunks with BLOB vectors, and the FTS5 index for BM25.</summary>
internal static class SqliteArticleSql
{
    public const string Schema = """
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
        """;

    public const string InsertChunk = """
        INSERT INTO chunks (article_id, ordinal, start, text, text_hash, sentences, embedding)
        VALUES (@article, @ordinal, @start, @text, @hash, @sentences, @embedding) RETURNING id
        """;

    public const string InsertFts = "INSERT INTO chunks_fts (rowid, title, text) VALUES (@id, @title, @text)";

    public const string DeleteFts = "DELETE FROM chunks_fts WHERE rowid IN (SELECT id FROM chunks WHERE article_id = @article)";

    public const string DeleteChunks = "DELETE FROM chunks WHERE article_id = @article";

    /// <summary>One row per hash: the vector of its first chunk.</summary>
    public const string VectorsByHash = """
        SELECT text_hash, embedding, min(id) FROM chunks
        WHERE text_hash IN (SELECT value FROM json_each(@hashes))
        GROUP BY text_hash
        """;

    public const string Lexical = """
        SELECT f.id, c.article_id, -f.bm25 AS score
        FROM (
            SELECT rowid AS id, bm25(chunks_fts, 0.5, 1.0) AS bm25 FROM chunks_fts
            WHERE chunks_fts MATCH @query
            ORDER BY bm25, rowid
            LIMIT @limit
        ) f JOIN chunks c ON c.id = f.id
        ORDER BY f.bm25, f.id
        """;

    public const string CountTerm = "SELECT count(*) FROM chunks_fts WHERE chunks_fts MATCH @query";

    public const string Embeddings = "SELECT id, article_id, embedding FROM chunks ORDER BY id";
}
