using Microsoft.Data.Sqlite;

namespace ChatBot.Soak;

/// <summary>A SQLite store: data folder/chatbot.db.</summary>
public sealed class SqliteSoakStore(string dataDirectory) : ISoakStore
{
    public SoakStorage Storage => SoakStorage.Sqlite;

    public string DataDirectory { get; } = dataDirectory;

    public IReadOnlyList<string> Settings => ["--Storage:DataDirectory=" + DataDirectory];

    public async Task<long> CountArticlesAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(DataDirectory, "chatbot.db");
        if (!File.Exists(path))
        {
            return 0;
        }

        try
        {
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM articles";
            return (long)(await command.ExecuteScalarAsync(cancellationToken) ?? 0L);
        }
        catch (SqliteException)
        {
            return 0;
        }
    }

    public async Task<StoreCheck> CheckAsync(IReadOnlyList<int>? vectorIndexCounts, CancellationToken cancellationToken)
    {
        var check = await StoreChecker.CheckAsync(DataDirectory, vectorIndexCounts is [var first, ..] ? first : null, cancellationToken);
        return vectorIndexCounts is { Count: > 1 } ? check with { OtherVectorIndexCounts = [.. vectorIndexCounts.Skip(1)] } : check;
    }

    public Task<IReadOnlyList<DigestRow>> ReadDigestRowsAsync(string platform, string channel, CancellationToken cancellationToken) =>
        DigestAudit.ReadRowsAsync(DataDirectory, platform, channel, cancellationToken);

    public Task<DateTimeOffset?> ReadDigestScheduleStartAsync(string platform, string channel, CancellationToken cancellationToken) =>
        DigestAudit.ReadScheduleStartAsync(DataDirectory, platform, channel, cancellationToken);
}
