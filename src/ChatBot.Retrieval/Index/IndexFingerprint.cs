using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.Retrieval.Index;

/// <summary>
/// What a cold-start snapshot was taken of: the store's chunk count and highest chunk id. Every save adds chunks with
/// new, higher ids and every delete lowers the count, so a snapshot whose fingerprint still matches the store describes
/// it (a snapshot is also deleted before its own process changes anything).
/// </summary>
public readonly record struct IndexFingerprint(long Chunks, long MaxChunkId)
{
    /// <summary>The store's fingerprint now.</summary>
    public static async Task<IndexFingerprint> ReadAsync(SqlDatabase database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        var rows = await database.QueryAsync("SELECT count(*), coalesce(max(id), 0) FROM chunks", [], reader => new IndexFingerprint(reader.GetInt64(0), reader.GetInt64(1)), cancellationToken);
        return rows[0];
    }
}
