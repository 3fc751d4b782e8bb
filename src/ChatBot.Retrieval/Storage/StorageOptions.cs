using System.ComponentModel.DataAnnotations;

namespace ChatBot.Retrieval.Storage;

public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>Sqlite (default, one file under <see cref="DataDirectory"/>) or Postgres.</summary>
    [Required]
    [RegularExpression("^(?i)(Sqlite|Postgres)$", ErrorMessage = "Storage:Provider must be Sqlite or Postgres.")]
    public string Provider { get; set; } = "Sqlite";

    /// <summary>For Postgres, the Npgsql connection string; for Sqlite, optional (defaults to DataDirectory/chatbot.db).</summary>
    public string? ConnectionString { get; set; }

    [Required(ErrorMessage = "Storage:DataDirectory is required.")]
    public string DataDirectory { get; set; } = "data";

    /// <summary>Postgres only: how often each replica polls the change log for articles other replicas ingested or deleted.</summary>
    [Range(1, 3600, ErrorMessage = "Storage:ChangePollSeconds must be between 1 and 3600.")]
    public int ChangePollSeconds { get; set; } = 5;

    /// <summary>
    /// Postgres only: how long an operation whose connection was lost (a database restart) keeps retrying on fresh
    /// connections before it fails; 0 retries once, at once.
    /// </summary>
    [Range(0, 300, ErrorMessage = "Storage:ReconnectSeconds must be between 0 and 300.")]
    public int ReconnectSeconds { get; set; } = 10;

    /// <summary>
    /// Sqlite only: keep the float vectors in <c>chatbot.db.vectors</c> beside the database (read with positioned I/O for
    /// the few hundred re-scored per search) instead of in memory, where a million 384-dimension vectors take 1.5 GB.
    /// </summary>
    public bool VectorFile { get; set; } = true;

    /// <summary>
    /// Sqlite only: at a clean stop, write the in-memory indexes (vector ids and int8 codes, the BM25 index) beside the
    /// database, so the next start reads them in one pass instead of rebuilding them from every row.
    /// </summary>
    public bool ColdStartSnapshots { get; set; } = true;

    public bool IsSqlite => string.Equals(Provider, "Sqlite", StringComparison.OrdinalIgnoreCase);

    public bool IsPostgres => string.Equals(Provider, "Postgres", StringComparison.OrdinalIgnoreCase);
}
