using ChatBot.Retrieval.Storage.Sql;
using Npgsql;

namespace ChatBot.Digests.Storage;

/// <summary>
/// The articles of a digest window from the shared PostgreSQL tables (the same <c>articles</c> table the article store
/// writes): for a channel with feeds, the items its feeds delivered in the window; otherwise every article ingested in it.
/// </summary>
public sealed class PostgresDigestArticleSource(PostgresConnectionFactory connections) : IDigestArticleSource
{
    public Task<IReadOnlyList<DigestArticle>> GetWindowAsync(
        string platform, string channelId, DateTimeOffset after, DateTimeOffset upTo, int limit, CancellationToken cancellationToken) =>
        connections.RunAsync<IReadOnlyList<DigestArticle>>(
            async (connection, ct) =>
            {
                await using var command = new NpgsqlCommand(
                    """
                    SELECT a.id, a.title, a.url, a.text, a.ingested_at, a.published_at, MIN(COALESCE(f.title, f.url)), a.content_hash, MAX(fi.seen_at) AS at
                    FROM feed_items fi
                    JOIN feeds f ON f.id = fi.feed_id
                    JOIN articles a ON a.id = fi.article_id
                    WHERE f.platform = @platform AND f.channel_id = @channel AND fi.seen_at > @after AND fi.seen_at <= @upTo
                    GROUP BY a.id
                    UNION ALL
                    SELECT a.id, a.title, a.url, a.text, a.ingested_at, a.published_at, NULL::text, a.content_hash, a.ingested_at AS at
                    FROM articles a
                    WHERE NOT EXISTS (SELECT 1 FROM feeds f WHERE f.platform = @platform AND f.channel_id = @channel)
                      AND a.ingested_at > @after AND a.ingested_at <= @upTo
                    ORDER BY at DESC
                    LIMIT @limit
                    """,
                    connection);
                command.Parameters.AddWithValue("platform", platform);
                command.Parameters.AddWithValue("channel", channelId);
                command.Parameters.AddWithValue("after", PgTime.Utc(after));
                command.Parameters.AddWithValue("upTo", PgTime.Utc(upTo));
                command.Parameters.AddWithValue("limit", limit);
                var list = new List<DigestArticle>();
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    var url = PgTime.TextOrNull(reader, 2);
                    list.Add(new DigestArticle(
                        reader.GetInt64(0),
                        reader.GetString(1),
                        url,
                        reader.GetString(3),
                        PgTime.Read(reader, 4),
                        PgTime.ReadOrNull(reader, 5),
                        PgTime.TextOrNull(reader, 6) ?? DigestArticle.SiteName(url),
                        reader.GetString(7)));
                }

                return list;
            },
            cancellationToken);
}
