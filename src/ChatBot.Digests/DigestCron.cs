using System.Globalization;
using Cronos;

namespace ChatBot.Digests;

/// <summary>Cron expressions and time zones of digest schedules (Cronos: DST gaps and overlaps handled).</summary>
public static class DigestCron
{
    /// <summary>Parses a 5-field (or 6-field, with seconds) cron expression, or a macro such as @daily.</summary>
    public static bool TryParse(string? text, out CronExpression expression, out string error)
    {
        expression = null!;
        error = string.Empty;
        var cron = (text ?? string.Empty).Trim();
        if (cron.Length == 0)
        {
            error = "The cron expression is empty.";
            return false;
        }

        var format = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard;
        if (CronExpression.TryParse(cron, format, out var parsed) && parsed is not null)
        {
            expression = parsed;
            return true;
        }

        error = $"“{cron}” is not a cron expression (minute hour day month weekday, e.g. \"0 8 * * *\").";
        return false;
    }

    public static bool TryFindTimeZone(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(id))
        {
            return false;
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id.Trim());
            return true;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }

    /// <summary>The slots in (<paramref name="after"/>, <paramref name="upTo"/>]: the last one and how many there were (capped).</summary>
    public static (DateTimeOffset? Last, int Count) SlotsBetween(CronExpression cron, TimeZoneInfo zone, DateTimeOffset after, DateTimeOffset upTo, int cap = 100_000)
    {
        ArgumentNullException.ThrowIfNull(cron);
        DateTimeOffset? last = null;
        var count = 0;
        if (upTo <= after)
        {
            return (null, 0);
        }

        foreach (var occurrence in cron.GetOccurrences(after.UtcDateTime, upTo.UtcDateTime, zone, fromInclusive: false, toInclusive: true))
        {
            last = new DateTimeOffset(occurrence, TimeSpan.Zero);
            if (++count >= cap)
            {
                break;
            }
        }

        return (last, count);
    }

    public static DateTimeOffset? Next(CronExpression cron, TimeZoneInfo zone, DateTimeOffset after)
    {
        ArgumentNullException.ThrowIfNull(cron);
        var next = cron.GetNextOccurrence(after.UtcDateTime, zone, inclusive: false);
        return next is { } n ? new DateTimeOffset(n, TimeSpan.Zero) : null;
    }

    /// <summary>"Tue 25 Mar 2025 08:00 Europe/Berlin (UTC+01:00)".</summary>
    public static string Describe(DateTimeOffset instant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        var offset = local.Offset;
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        return string.Create(CultureInfo.InvariantCulture, $"{local:ddd d MMM yyyy HH:mm} {zone.Id} (UTC{sign}{offset.Duration():hh\\:mm})");
    }

    /// <summary>
    /// Parses the argument of <c>/schedule set</c>: <c>"0 8 * * *" Europe/Berlin</c>, <c>0 8 * * * Europe/Berlin</c> or a cron alone.
    /// </summary>
    public static bool TryParseScheduleArgument(string argument, string defaultTimeZone, out string cron, out string timeZone, out string error)
    {
        ArgumentNullException.ThrowIfNull(argument);
        cron = string.Empty;
        timeZone = defaultTimeZone;
        error = string.Empty;
        var text = argument.Trim();
        string? zonePart;
        if (text.Length > 0 && text[0] is '"' or '\'' or '“' or '`')
        {
            var close = text.IndexOfAny(['"', '\'', '”', '`'], 1);
            if (close < 0)
            {
                error = "The cron expression has no closing quote.";
                return false;
            }

            cron = text[1..close].Trim();
            zonePart = text[(close + 1)..].Trim();
        }
        else
        {
            var tokens = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if ((tokens.Length > 1 && tokens[^1].Contains('/', StringComparison.Ordinal)) || (tokens.Length is 2 or 6 or 7 && TryFindTimeZone(tokens[^1], out _)))
            {
                cron = string.Join(' ', tokens[..^1]);
                zonePart = tokens[^1];
            }
            else
            {
                cron = text;
                zonePart = null;
            }
        }

        if (!TryParse(cron, out _, out error))
        {
            return false;
        }

        if (!string.IsNullOrWhiteSpace(zonePart))
        {
            timeZone = zonePart;
        }

        if (!TryFindTimeZone(timeZone, out var zone))
        {
            error = $"“{timeZone}” is not a time zone I know (use an IANA name such as Europe/Berlin or America/New_York).";
            return false;
        }

        timeZone = zone.Id;
        return true;
    }
}
