using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.Retrieval.Index;

/// <summary>
/// What a cold-start snapshot was taken of: the store's chunk count, its highest chunk id, and when the article holding
/// that chunk was written (UTC ticks). A save adds chunks with higher ids and a delete lowers the count; a delete of the
/// newest article followed by a save of as many chunks reuses the ids (SQLite's rowids), but that save writes the newest
/// chunk's article now, so the third part moves on. A snapshot is also deleted before its own process changes anything.
/// An index in memory knows only the first two parts: <see cref="HasRowsOf"/> compares those.
/// </summary>
public readonly record struct IndexFingerprint(long Chunks, long MaxChunkId, long NewestWrite = 0)
{
    /// <summary>The store's fingerprint now.</summary>
    public static async Task<IndexFingerprint> ReadAsync(SqlDatabase database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        const string Sql = """
            SELECT count(*), coalesce(max(id), 0),
                (SELECT a.ingested_at FROM chunks c JOIN articles a ON a.id = c.article_id ORDER BY c.id DESC LIMIT 1)
            FROM chunks
            """;
        var rows = await database.QueryAsync(Sql, [], reader => new IndexFingerprint(
            reader.GetInt64(0), reader.GetInt64(1), database.ReadTimeOrNull(reader, 2)?.UtcTicks ?? 0), cancellationToken);
        return rows[0];
    }

    /// <summary>Whether an index in memory holding <paramref name="rows"/> (count and highest id) holds this store's rows.</summary>
    public bool HasRowsOf(IndexFingerprint rows) => Chunks == rows.Chunks && MaxChunkId == rows.MaxChunkId;
}
