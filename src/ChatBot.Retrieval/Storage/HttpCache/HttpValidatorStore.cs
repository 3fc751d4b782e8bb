using ChatBot.Retrieval.Ingestion.Web;
using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.Retrieval.Storage.HttpCache;

/// <summary>HTTP validators and the resulting article source per fetched URL or feed guid (on PostgreSQL shared by every replica).</summary>
public sealed class HttpValidatorStore(SqlDatabase database) : IHttpValidatorStore
{
    public static readonly SqlMigration Migration = new("0003_http_validators", SqliteHttpValidatorSql.Schema, PostgresHttpValidatorSql.Schema);

    private const string Get = "SELECT etag, last_modified, source FROM http_validators WHERE url = @url";

    private const string Set = """
        INSERT INTO http_validators (url, etag, last_modified, source) VALUES (@url, @etag, @lm, @source)
        ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, source = excluded.source
        """;

    public async Task<(HttpValidators Validators, string Source)?> GetAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var rows = await database.QueryAsync<(HttpValidators Validators, string Source)?>(
            Get,
            [("url", key)],
            reader => (new HttpValidators(reader.GetStringOrNull(0), database.ReadTimeOrNull(reader, 1)), reader.GetString(2)),
            cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    public Task SetAsync(string key, HttpValidators validators, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(validators);
        return database.ExecuteAsync(
            Set,
            [("url", key), ("etag", validators.ETag), ("lm", database.TimeOrNull(validators.LastModified)), ("source", source)],
            cancellationToken);
    }
}
