namespace ChatBot.Soak;

/// <summary>The consistency of one SQLite store: what PRAGMAs say and whether the derived rows match.</summary>
public sealed record StoreCheck(
    string Integrity,
    int ForeignKeyViolations,
    long Articles,
    long Chunks,
    long FtsRows,
    long ChunksWithoutVector,
    long ArticlesWithWrongChunkCount,
    int? VectorIndexCount)
{
    public bool Consistent =>
        Integrity == "ok" && ForeignKeyViolations == 0 && FtsRows == Chunks && ChunksWithoutVector == 0
        && ArticlesWithWrongChunkCount == 0 && (VectorIndexCount is null || VectorIndexCount == Chunks);

    public override string ToString() =>
        $"integrity_check={Integrity}, foreign_key_check={ForeignKeyViolations} rows, articles={Articles}, chunks={Chunks}, fts rows={FtsRows}, " +
        $"chunks without a {StoreChecker.Dimensions}-d vector={ChunksWithoutVector}, articles whose chunk_count is off={ArticlesWithWrongChunkCount}, " +
        $"vector index={(VectorIndexCount?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "n/a")} => {(Consistent ? "CONSISTENT" : "INCONSISTENT")}";
}
