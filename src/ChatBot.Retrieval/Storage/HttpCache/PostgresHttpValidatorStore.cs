using ChatBot.Retrieval.Ingestion.Web;
using ChatBot.Retrieval.Storage.Sql;
using Npgsql;

namespace ChatBot.Retrieval.Storage.HttpCache;

/// <summary>HTTP validators and the resulting article source per fetched URL or feed guid, shared by every replica.</summary>
public sealed class PostgresHttpValidatorStore(PostgresConnectionFactory connections) : IHttpValidatorStore
{
    public static readonly PostgresMigration Migration = new("0003_http_validators", """
        CREATE TABLE IF NOT EXISTS http_validators (
            url text PRIMARY KEY,
            etag text NULL,
            last_modified timestamptz NULL,
            source text NOT NULL
        );
        """);

    public Task<(HttpValidators Validators, string Source)?> GetAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        return connections.RunAsync<(HttpValidators Validators, string Source)?>(
            async (connection, ct) =>
            {
                await using var command = new NpgsqlCommand("SELECT etag, last_modified, source FROM http_validators WHERE url = @url", connection);
                command.Parameters.AddWithValue("url", key);
                await using var reader = await command.ExecuteReaderAsync(ct);
                if (!await reader.ReadAsync(ct))
                {
                    return null;
                }

                var etag = reader.IsDBNull(0) ? null : reader.GetString(0);
                DateTimeOffset? lastModified = reader.IsDBNull(1) ? null : new DateTimeOffset(reader.GetDateTime(1), TimeSpan.Zero);
                return (new HttpValidators(etag, lastModified), reader.GetString(2));
            },
            cancellationToken);
    }

    public Task SetAsync(string key, HttpValidators validators, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(validators);
        return connections.RunAsync(
            async (connection, ct) =>
            {
                await using var command = new NpgsqlCommand(
                    """
                    INSERT INTO http_validators (url, etag, last_modified, source) VALUES (@url, @etag, @lm, @source)
                    ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, source = excluded.source
                    """,
                    connection);
                command.Parameters.AddWithValue("url", key);
                command.Parameters.AddWithValue("etag", (object?)validators.ETag ?? DBNull.Value);
                command.Parameters.AddWithValue("lm", (object?)validators.LastModified?.ToUniversalTime() ?? DBNull.Value);
                command.Parameters.AddWithValue("source", source);
                return await command.ExecuteNonQueryAsync(ct);
            },
            cancellationToken);
    }
}
