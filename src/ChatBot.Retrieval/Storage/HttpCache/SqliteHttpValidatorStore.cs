using System.Globalization;
using ChatBot.Retrieval.Ingestion.Web;
using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.Retrieval.Storage.HttpCache;

/// <summary>HTTP validators and the resulting article source per fetched URL or feed guid, in the bot's SQLite file.</summary>
public sealed class SqliteHttpValidatorStore(SqliteConnectionFactory connections) : IHttpValidatorStore
{
    public static readonly SqliteMigration Migration = new("0003_http_validators", """
        CREATE TABLE IF NOT EXISTS http_validators (
            url TEXT PRIMARY KEY,
            etag TEXT NULL,
            last_modified TEXT NULL,
            source TEXT NOT NULL
        );
        """);

    public async Task<(HttpValidators Validators, string Source)?> GetAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT etag, last_modified, source FROM http_validators WHERE url = $url";
        command.Parameters.AddWithValue("$url", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var etag = reader.IsDBNull(0) ? null : reader.GetString(0);
        DateTimeOffset? lastModified = reader.IsDBNull(1) ? null : DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture);
        return (new HttpValidators(etag, lastModified), reader.GetString(2));
    }

    public async Task SetAsync(string key, HttpValidators validators, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(validators);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO http_validators (url, etag, last_modified, source) VALUES ($url, $etag, $lm, $source)
            ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, source = excluded.source
            """;
        command.Parameters.AddWithValue("$url", key);
        command.Parameters.AddWithValue("$etag", (object?)validators.ETag ?? DBNull.Value);
        command.Parameters.AddWithValue("$lm", (object?)validators.LastModified?.ToString("O", CultureInfo.InvariantCulture) ?? DBNull.Value);
        command.Parameters.AddWithValue("$source", source);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
