using Npgsql;

namespace ChatBot.Soak;

/// <summary>
/// A fresh database on the run's PostgreSQL server (Storage:Provider=Postgres). Each host keeps its own data folder
/// (Discord's command hash only); replicas pick up each other's articles through the change log, polled every second.
/// </summary>
public sealed class PostgresSoakStore(string connectionString, int maxPoolSize) : ISoakStore
{
    public SoakStorage Storage => SoakStorage.Postgres;

    /// <summary>Npgsql connection string of the store's database.</summary>
    public string ConnectionString { get; } = connectionString;

    public IReadOnlyList<string> Settings =>
    [
        "--Storage:Provider=Postgres",
        "--Storage:ConnectionString=" + ConnectionString + ";Maximum Pool Size=" + maxPoolSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--Storage:ChangePollSeconds=1",
    ];

    public Task<long> CountArticlesAsync(CancellationToken cancellationToken) => PostgresStoreChecker.CountArticlesAsync(ConnectionString, cancellationToken);

    public Task<StoreCheck> CheckAsync(IReadOnlyList<int>? vectorIndexCounts, CancellationToken cancellationToken) =>
        PostgresStoreChecker.CheckAsync(ConnectionString, vectorIndexCounts, cancellationToken);

    public async Task<IReadOnlyList<DigestRow>> ReadDigestRowsAsync(string platform, string channel, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT slot, status, catch_up, missed_slots, parts_posted, message_ids, attempts, item_count
            FROM digest_posts WHERE platform = @platform AND channel_id = @channel ORDER BY slot
            """,
            connection);
        command.Parameters.AddWithValue("platform", platform);
        command.Parameters.AddWithValue("channel", channel);
        var rows = new List<DigestRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(DigestRow.Read(reader, reader.GetFieldValue<DateTimeOffset>(0), reader.GetBoolean(2)));
        }

        return rows;
    }

    public async Task<DateTimeOffset?> ReadDigestScheduleStartAsync(string platform, string channel, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT updated_at FROM digest_schedules WHERE platform = @platform AND channel_id = @channel AND enabled",
            connection);
        command.Parameters.AddWithValue("platform", platform);
        command.Parameters.AddWithValue("channel", channel);
        return await command.ExecuteScalarAsync(cancellationToken) is DateTime utc
            ? new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc))
            : null;
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
