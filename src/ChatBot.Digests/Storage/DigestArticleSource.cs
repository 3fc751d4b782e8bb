using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.Digests.Storage;

/// <summary>
/// The articles of a digest window from the <c>articles</c> table the article store writes (on PostgreSQL shared by
/// every replica), all of one library: for a channel with feeds of that library, the items they delivered in the window
/// (by when the feed first delivered them); for a channel without, every article of the library ingested in the window.
/// </summary>
public sealed class DigestArticleSource(SqlDatabase database) : IDigestArticleSource
{
    private const string Window = """
        SELECT a.id, a.title, a.url, a.text, a.ingested_at, a.published_at, MIN(COALESCE(f.title, f.url)), a.content_hash, MAX(fi.seen_at) AS at
        FROM feed_items fi
        JOIN feeds f ON f.id = fi.feed_id
        JOIN articles a ON a.id = fi.article_id
        WHERE f.platform = @platform AND f.channel_id = @channel AND f.library = @library AND a.library = @library
          AND fi.seen_at > @after AND fi.seen_at <= @upTo
        GROUP BY a.id
        UNION ALL
        SELECT a.id, a.title, a.url, a.text, a.ingested_at, a.published_at, CAST(NULL AS text), a.content_hash, a.ingested_at AS at
        FROM articles a
        WHERE NOT EXISTS (SELECT 1 FROM feeds f WHERE f.platform = @platform AND f.channel_id = @channel AND f.library = @library)
          AND a.library = @library AND a.ingested_at > @after AND a.ingested_at <= @upTo
        ORDER BY at DESC
        LIMIT @limit
        """;

    public Task<IReadOnlyList<DigestArticle>> GetWindowAsync(
        string library, string platform, string channelId, DateTimeOffset after, DateTimeOffset upTo, int limit, CancellationToken cancellationToken) =>
        database.QueryAsync(
            Window,
            [("library", library), ("platform", platform), ("channel", channelId), ("after", database.Time(after)), ("upTo", database.Time(upTo)), ("limit", limit)],
            reader =>
            {
                var url = reader.GetStringOrNull(2);
                return new DigestArticle(
                    reader.GetInt64(0),
                    reader.GetString(1),
                    url,
                    reader.GetString(3),
                    database.ReadTime(reader, 4),
                    database.ReadTimeOrNull(reader, 5),
                    reader.GetStringOrNull(6) ?? DigestArticle.SiteName(url),
                    reader.GetString(7));
            },
            cancellationToken);
}
