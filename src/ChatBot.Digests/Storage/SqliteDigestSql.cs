namespace ChatBot.Digests.Storage;

/// <summary>
/// The digest tables: per-channel schedules, one row per (channel, slot) claimed before the digest is posted,
/// feed subscriptions with their conditional-GET state and failure count, and the items each feed has delivered.
/// Times are UTC ISO-8601 text ("O"), so text order is time order (as in <c>articles.ingested_at</c>).
/// </summary>
internal static class SqliteDigestSql
{
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS digest_schedules (
            platform TEXT NOT NULL,
            channel_id TEXT NOT NULL,
            cron TEXT NOT NULL,
            time_zone TEXT NOT NULL,
            enabled INTEGER NOT NULL DEFAULT 1,
            origin TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (platform, channel_id)
        );
        CREATE TABLE IF NOT EXISTS digest_posts (
            id INTEGER PRIMARY KEY,
            platform TEXT NOT NULL,
            channel_id TEXT NOT NULL,
            slot TEXT NOT NULL,
            status TEXT NOT NULL,
            claimed_by TEXT NULL,
            lease_until TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            window_start TEXT NOT NULL,
            window_end TEXT NOT NULL,
            catch_up INTEGER NOT NULL DEFAULT 0,
            missed_slots INTEGER NOT NULL DEFAULT 0,
            parts_posted INTEGER NOT NULL DEFAULT 0,
            item_count INTEGER NOT NULL DEFAULT 0,
            message_ids TEXT NULL,
            last_error TEXT NULL,
            claimed_at TEXT NOT NULL,
            finished_at TEXT NULL,
            UNIQUE (platform, channel_id, slot)
        );
        CREATE INDEX IF NOT EXISTS digest_posts_status ON digest_posts(status, lease_until);
        CREATE TABLE IF NOT EXISTS feeds (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL,
            platform TEXT NOT NULL,
            channel_id TEXT NOT NULL,
            title TEXT NULL,
            etag TEXT NULL,
            last_modified TEXT NULL,
            failure_count INTEGER NOT NULL DEFAULT 0,
            failing_since TEXT NULL,
            last_error TEXT NULL,
            failure_notified INTEGER NOT NULL DEFAULT 0,
            next_poll_at TEXT NOT NULL,
            last_polled_at TEXT NULL,
            created_at TEXT NOT NULL,
            UNIQUE (url, platform, channel_id)
        );
        CREATE INDEX IF NOT EXISTS feeds_channel ON feeds(platform, channel_id);
        CREATE TABLE IF NOT EXISTS feed_items (
            feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
            item_key TEXT NOT NULL,
            article_id INTEGER NULL,
            seen_at TEXT NOT NULL,
            PRIMARY KEY (feed_id, item_key)
        );
        CREATE INDEX IF NOT EXISTS feed_items_seen ON feed_items(seen_at);
        """;

    /// <summary>
    /// 0021: the library of every feed (its items are ingested there and belong to it through the feed), schedule (its
    /// digest lists only that library's articles) and digest post (the library its window was read from, fixed at claim).
    /// Existing rows go into {0}, <c>Libraries:Default</c>. SQLite keeps the column default; the stores always write it.
    /// </summary>
    public const string LibrariesMigration = """
        ALTER TABLE feeds ADD COLUMN library TEXT NOT NULL DEFAULT '{0}';
        ALTER TABLE digest_schedules ADD COLUMN library TEXT NOT NULL DEFAULT '{0}';
        ALTER TABLE digest_posts ADD COLUMN library TEXT NOT NULL DEFAULT '{0}';
        CREATE INDEX IF NOT EXISTS feeds_library ON feeds(library, platform, channel_id);
        """;
}
