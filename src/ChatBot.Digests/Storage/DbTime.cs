using System.Globalization;

namespace ChatBot.Digests.Storage;

/// <summary>Times in the digest tables: UTC, round-trip ISO-8601, so that text order is time order.</summary>
internal static class DbTime
{
    public static string Format(DateTimeOffset value) => value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    public static DateTimeOffset? ParseOrNull(object? value) => value is string text ? Parse(text) : null;

    public static object OrNull(DateTimeOffset? value) => value is { } v ? Format(v) : DBNull.Value;

    public static object OrNull(string? value) => (object?)value ?? DBNull.Value;
}
