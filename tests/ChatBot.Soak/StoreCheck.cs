using System.Globalization;

namespace ChatBot.Soak;

/// <summary>
/// The consistency of one store, SQLite or PostgreSQL: the database's own integrity check (SQLite: PRAGMA
/// integrity_check; PostgreSQL: amcheck on every B-tree index), foreign keys, and whether the derived rows (full-text
/// rows, vectors, chunk counts, the change log) and the hosts' in-memory vector indexes agree with the chunks.
/// </summary>
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
    public SoakStorage Storage { get; init; } = SoakStorage.Sqlite;

    /// <summary>PostgreSQL: how many foreign-key constraints were checked for orphans.</summary>
    public int ForeignKeysChecked { get; init; }

    /// <summary>PostgreSQL: articles whose latest change-log row is not "saved" (other replicas would not load their vectors).</summary>
    public long ArticlesWithoutSavedChange { get; init; }

    /// <summary>The vector index counts of further replicas (the first replica's is <see cref="VectorIndexCount"/>).</summary>
    public IReadOnlyList<int> OtherVectorIndexCounts { get; init; } = [];

    /// <summary>"ok", or "n/a (…)" when the server cannot run the check (amcheck not installable); anything else is a failure.</summary>
    public bool IntegrityOk => Integrity == "ok" || Integrity.StartsWith("n/a", StringComparison.Ordinal);

    public bool Consistent =>
        IntegrityOk && ForeignKeyViolations == 0 && FtsRows == Chunks && ChunksWithoutVector == 0
        && ArticlesWithWrongChunkCount == 0 && ArticlesWithoutSavedChange == 0
        && (VectorIndexCount is null || VectorIndexCount == Chunks) && OtherVectorIndexCounts.All(c => c == Chunks);

    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        var vectors = VectorIndexCount?.ToString(c) ?? "n/a";
        for (var i = 0; i < OtherVectorIndexCounts.Count; i++)
        {
            vectors += string.Create(c, $", replica {i + 2}: {OtherVectorIndexCounts[i]}");
        }

        var verdict = Consistent ? "CONSISTENT" : "INCONSISTENT";
        return Storage == SoakStorage.Postgres
            ? string.Create(c, $"amcheck={Integrity}, foreign key orphans={ForeignKeyViolations} rows ({ForeignKeysChecked} keys), articles={Articles}, chunks={Chunks}, ") +
              string.Create(c, $"chunks with a matching tsvector={FtsRows}, chunks without a {StoreChecker.Dimensions}-d vector={ChunksWithoutVector}, ") +
              string.Create(c, $"articles whose chunk_count is off={ArticlesWithWrongChunkCount}, articles whose last change is not 'saved'={ArticlesWithoutSavedChange}, vector index={vectors} => {verdict}")
            : string.Create(c, $"integrity_check={Integrity}, foreign_key_check={ForeignKeyViolations} rows, articles={Articles}, chunks={Chunks}, fts rows={FtsRows}, ") +
              string.Create(c, $"chunks without a {StoreChecker.Dimensions}-d vector={ChunksWithoutVector}, articles whose chunk_count is off={ArticlesWithWrongChunkCount}, ") +
              string.Create(c, $"vector index={vectors} => {verdict}");
    }
}
