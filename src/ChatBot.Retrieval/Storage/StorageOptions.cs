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

    public bool IsSqlite => string.Equals(Provider, "Sqlite", StringComparison.OrdinalIgnoreCase);

    public bool IsPostgres => string.Equals(Provider, "Postgres", StringComparison.OrdinalIgnoreCase);
}
