using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.Digests.Storage;

/// <summary>
/// The articles of a digest window: for a channel with feeds, the items its feeds delivered in the window
/// (by when the feed first delivered them); for a channel without feeds, every article ingested in the window.
/// </summary>
public sealed class SqliteDigestArticleSource(SqliteConnectionFactory connections) : IDigestArticleSource
{
    public async Task<IReadOnlyList<DigestArticle>> GetWindowAsync(
        string platform, string channelId, DateTimeOffset after, DateTimeOffset upTo, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT a.id, a.title, a.url, a.text, a.ingested_at, a.published_at, MIN(COALESCE(f.title, f.url)), a.content_hash, MAX(fi.seen_at) AS at
            FROM feed_items fi
            JOIN feeds f ON f.id = fi.feed_id
            JOIN articles a ON a.id = fi.article_id
            WHERE f.platform = $platform AND f.channel_id = $channel AND fi.seen_at > $after AND fi.seen_at <= $upTo
            GROUP BY a.id
            UNION ALL
            SELECT a.id, a.title, a.url, a.text, a.ingested_at, a.published_at, NULL, a.content_hash, a.ingested_at AS at
            FROM articles a
            WHERE NOT EXISTS (SELECT 1 FROM feeds f WHERE f.platform = $platform AND f.channel_id = $channel)
              AND a.ingested_at > $after AND a.ingested_at <= $upTo
            ORDER BY at DESC
            LIMIT $limit
            """;
        command.Parameters.AddWithValue("$platform", platform);
        command.Parameters.AddWithValue("$channel", channelId);
        command.Parameters.AddWithValue("$after", DbTime.Format(after));
        command.Parameters.AddWithValue("$upTo", DbTime.Format(upTo));
        command.Parameters.AddWithValue("$limit", limit);
        var list = new List<DigestArticle>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var url = reader.IsDBNull(2) ? null : reader.GetString(2);
            list.Add(new DigestArticle(
                reader.GetInt64(0),
                reader.GetString(1),
                url,
                reader.GetString(3),
                DbTime.Parse(reader.GetString(4)),
                reader.IsDBNull(5) ? null : DbTime.Parse(reader.GetString(5)),
                reader.IsDBNull(6) ? DigestArticle.SiteName(url) : reader.GetString(6),
                reader.GetString(7)));
        }

        return list;
    }
}
