using System.Globalization;
using System.Text.RegularExpressions;

namespace ChatBot.Retrieval.Ingestion.Feeds;

/// <summary>
/// Reads feed dates liberally: RFC 822 as written in the wild (weekday missing or wrong, one-digit days, two-digit
/// years, full month names, named zones such as EST or CEST, "+0100" or "+01:00", no zone = UTC) and W3C/ISO 8601
/// (date only, with or without seconds, fractions and offset). Unreadable dates are null, never an error.
/// </summary>
public static partial class FeedDates
{
    private static readonly Dictionary<string, string> Zones = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UT"] = "+00:00",
        ["UTC"] = "+00:00",
        ["GMT"] = "+00:00",
        ["Z"] = "+00:00",
        ["WET"] = "+00:00",
        ["EST"] = "-05:00",
        ["EDT"] = "-04:00",
        ["CST"] = "-06:00",
        ["CDT"] = "-05:00",
        ["MST"] = "-07:00",
        ["MDT"] = "-06:00",
        ["PST"] = "-08:00",
        ["PDT"] = "-07:00",
        ["AKST"] = "-09:00",
        ["AKDT"] = "-08:00",
        ["HST"] = "-10:00",
        ["BST"] = "+01:00",
        ["IST"] = "+05:30",
        ["CET"] = "+01:00",
        ["CEST"] = "+02:00",
        ["MET"] = "+01:00",
        ["MEST"] = "+02:00",
        ["EET"] = "+02:00",
        ["EEST"] = "+03:00",
        ["MSK"] = "+03:00",
        ["JST"] = "+09:00",
        ["KST"] = "+09:00",
        ["AEST"] = "+10:00",
        ["AEDT"] = "+11:00",
        ["NZST"] = "+12:00",
    };

    private static readonly string[] Formats =
    [
        "d MMM yyyy H:mm:ss zzz", "d MMM yyyy H:mm zzz", "d MMM yy H:mm:ss zzz", "d MMM yy H:mm zzz",
        "d MMMM yyyy H:mm:ss zzz", "d MMMM yyyy H:mm zzz", "d MMM yyyy zzz", "d MMM yyyy", "d MMMM yyyy",
        "MMM d yyyy H:mm:ss zzz", "MMM d yyyy", "MMMM d yyyy", "MMMM d yyyy H:mm:ss zzz",
        "yyyy-MM-dd'T'H:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'H:mm:sszzz", "yyyy-MM-dd'T'H:mmzzz",
        "yyyy-MM-dd H:mm:ss.FFFFFFFzzz", "yyyy-MM-dd H:mm:sszzz", "yyyy-MM-dd H:mmzzz",
        "yyyy-MM-dd'T'H:mm:ss.FFFFFFF", "yyyy-MM-dd'T'H:mm:ss", "yyyy-MM-dd'T'H:mm", "yyyy-MM-dd H:mm:ss", "yyyy-MM-dd H:mm",
        "yyyy-MM-dd", "yyyyMMdd'T'HHmmsszzz", "yyyy-MM", "yyyy",
    ];

    public static DateTimeOffset? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = Normalize(value);
        const DateTimeStyles Styles = DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal;
        if (DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, Styles, out var exact)
            || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, Styles, out exact))
        {
            return exact.Year is >= 1970 and <= 9998 ? exact : null;
        }

        return null;
    }

    private static string Normalize(string value)
    {
        var text = WhiteSpace().Replace(value.Trim(), " ");
        text = Weekday().Replace(text, string.Empty); // "Mon, ", "Tuesday " (often wrong, never needed)
        text = text.Replace(",", " ", StringComparison.Ordinal).Replace("Sept ", "Sep ", StringComparison.OrdinalIgnoreCase);
        text = DayMonthDashes().Replace(text, "$1 $2 $3"); // 07-Jan-2025
        text = NamedZone().Replace(text, m => Zones.TryGetValue(m.Groups[2].Value, out var offset) ? m.Groups[1].Value + offset : m.Value);
        text = CompactOffset().Replace(text, "$1$2:$3"); // +0100 → +01:00
        return WhiteSpace().Replace(text, " ").Trim();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    [GeneratedRegex(@"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s*", RegexOptions.IgnoreCase)]
    private static partial Regex Weekday();

    [GeneratedRegex(@"^(\d{1,2})-([A-Za-z]{3,9})-(\d{2,4})")]
    private static partial Regex DayMonthDashes();

    [GeneratedRegex(@"(\s|\d)([A-Za-z]{1,5})$")]
    private static partial Regex NamedZone();

    [GeneratedRegex(@"([+-])(\d{2})(\d{2})$")]
    private static partial Regex CompactOffset();
}
