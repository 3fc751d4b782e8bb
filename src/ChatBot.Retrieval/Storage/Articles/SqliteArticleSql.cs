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

    /// <summary>
    /// 0002: every article, chunk and full-text row carries its library; a source is unique per library. SQLite cannot
    /// change a UNIQUE column constraint, so both tables are rebuilt (ids kept): articles is renamed away first, which
    /// points chunks' foreign key at the old table, then chunks is rebuilt against the new one, and only then is the old
    /// articles table dropped (nothing references it any more, so no cascade deletes a row). {0}: the default library.
    /// </summary>
    public const string LibrariesMigration = """
        ALTER TABLE articles RENAME TO articles_v1;
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            library TEXT NOT NULL,
            source TEXT NOT NULL,
            title TEXT NOT NULL,
            url TEXT NULL,
            author TEXT NULL,
            published_at TEXT NULL,
            ingested_at TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            text TEXT NOT NULL,
            feed_id INTEGER NULL,
            chunk_count INTEGER NOT NULL,
            UNIQUE (library, source)
        );
        INSERT INTO articles (id, library, source, title, url, author, published_at, ingested_at, content_hash, text, feed_id, chunk_count)
            SELECT id, '{0}', source, title, url, author, published_at, ingested_at, content_hash, text, feed_id, chunk_count FROM articles_v1;
        ALTER TABLE chunks RENAME TO chunks_v1;
        CREATE TABLE chunks (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            library TEXT NOT NULL,
            ordinal INTEGER NOT NULL,
            start INTEGER NOT NULL,
            text TEXT NOT NULL,
            text_hash TEXT NOT NULL,
            sentences TEXT NOT NULL,
            embedding BLOB NOT NULL,
            UNIQUE (article_id, ordinal)
        );
        INSERT INTO chunks (id, article_id, library, ordinal, start, text, text_hash, sentences, embedding)
            SELECT id, article_id, '{0}', ordinal, start, text, text_hash, sentences, embedding FROM chunks_v1;
        DROP TABLE chunks_v1;
        DROP TABLE articles_v1;
        CREATE INDEX articles_content_hash ON articles(content_hash);
        CREATE INDEX articles_library ON articles(library, ingested_at);
        CREATE INDEX chunks_text_hash ON chunks(text_hash);
        CREATE INDEX chunks_library ON chunks(library, id);
        CREATE VIRTUAL TABLE chunks_fts_v2 USING fts5(title, text, library UNINDEXED, tokenize = 'porter unicode61 remove_diacritics 2');
        INSERT INTO chunks_fts_v2 (rowid, title, text, library) SELECT f.rowid, f.title, f.text, c.library FROM chunks_fts f JOIN chunks c ON c.id = f.rowid;
        DROP TABLE chunks_fts;
        ALTER TABLE chunks_fts_v2 RENAME TO chunks_fts;
        """;

    public const string InsertChunk = """
        INSERT INTO chunks (article_id, library, ordinal, start, text, text_hash, sentences, embedding, sentence_vectors)
        VALUES (@article, (SELECT library FROM articles WHERE id = @article), @ordinal, @start, @text, @hash, @sentences, @embedding, @sentence_vectors) RETURNING id
        """;

    public const string InsertFts = "INSERT INTO chunks_fts (rowid, title, text, library) VALUES (@id, @title, @text, (SELECT library FROM chunks WHERE id = @id))";

    public const string DeleteFts = "DELETE FROM chunks_fts WHERE rowid IN (SELECT id FROM chunks WHERE article_id = @article)";

    public const string DeleteChunks = "DELETE FROM chunks WHERE article_id = @article";

    /// <summary>One row per hash: the vector of its first chunk.</summary>
    public const string VectorsByHash = """
        SELECT text_hash, embedding, sentence_vectors, min(id) FROM chunks
        WHERE text_hash IN (SELECT value FROM json_each(@hashes))
        GROUP BY text_hash
        """;

    public const string Lexical = """
        SELECT f.id, c.article_id, -f.bm25 AS score
        FROM (
            SELECT rowid AS id, bm25(chunks_fts, 0.5, 1.0) AS bm25 FROM chunks_fts
            WHERE chunks_fts MATCH @query AND library = @library
            ORDER BY bm25, rowid
            LIMIT @limit
        ) f JOIN chunks c ON c.id = f.id
        ORDER BY f.bm25, f.id
        """;

    public const string CountTerm = "SELECT count(*) FROM chunks_fts WHERE chunks_fts MATCH @query AND library = @library";

    public const string Embeddings = "SELECT id, article_id, library, embedding FROM chunks ORDER BY id";
}
