using Microsoft.Data.Sqlite;

namespace ChatBot.Soak;

/// <summary>Checks a SQLite store (data folder/chatbot.db) on its own connection.</summary>
public static class StoreChecker
{
    public const int Dimensions = 384;

    public static async Task<StoreCheck> CheckAsync(string dataDirectory, int? vectorIndexCount, CancellationToken cancellationToken)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDirectory, "chatbot.db"),
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
        };
        await using var connection = new SqliteConnection(builder.ToString());
        await connection.OpenAsync(cancellationToken);
        var integrity = await ScalarAsync<string>(connection, "PRAGMA integrity_check", cancellationToken) ?? "?";
        var foreignKeys = 0;
        await using (var fk = connection.CreateCommand())
        {
            fk.CommandText = "PRAGMA foreign_key_check";
            await using var reader = await fk.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                foreignKeys++;
            }
        }

        return new StoreCheck(
            integrity,
            foreignKeys,
            await ScalarAsync<long>(connection, "SELECT count(*) FROM articles", cancellationToken),
            await ScalarAsync<long>(connection, "SELECT count(*) FROM chunks", cancellationToken),
            await ScalarAsync<long>(connection, "SELECT count(*) FROM chunks_fts", cancellationToken),
            await ScalarAsync<long>(connection, $"SELECT count(*) FROM chunks WHERE embedding IS NULL OR length(embedding) <> {Dimensions * sizeof(float)}", cancellationToken),
            await ScalarAsync<long>(connection, "SELECT count(*) FROM articles a WHERE a.chunk_count <> (SELECT count(*) FROM chunks c WHERE c.article_id = a.id)", cancellationToken),
            vectorIndexCount);
    }

    private static async Task<T?> ScalarAsync<T>(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }
}
