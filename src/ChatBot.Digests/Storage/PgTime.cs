using Npgsql;

namespace ChatBot.Digests.Storage;

/// <summary>Times in the PostgreSQL digest tables: <c>timestamptz</c>, which Npgsql writes only from UTC values.</summary>
internal static class PgTime
{
    public static DateTimeOffset Utc(DateTimeOffset value) => value.ToUniversalTime();

    public static object OrNull(DateTimeOffset? value) => value is { } v ? v.ToUniversalTime() : DBNull.Value;

    public static object OrNull(string? value) => (object?)value ?? DBNull.Value;

    public static DateTimeOffset Read(NpgsqlDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    public static DateTimeOffset? ReadOrNull(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);

    public static string? TextOrNull(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
