using Microsoft.Extensions.Options;

namespace ChatBot.Digests;

/// <summary>Checks the configured schedules at start: each needs a platform, a channel, a valid cron and a known time zone.</summary>
public sealed class DigestOptionsValidator : IValidateOptions<DigestOptions>
{
    public ValidateOptionsResult Validate(string? name, DigestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!DigestCron.TryFindTimeZone(options.DefaultTimeZone, out _))
        {
            failures.Add($"Digests:DefaultTimeZone “{options.DefaultTimeZone}” is not a known time zone.");
        }

        for (var i = 0; i < options.Schedules.Count; i++)
        {
            var entry = options.Schedules[i];
            var key = $"Digests:Schedules:{i}";
            if (string.IsNullOrWhiteSpace(entry.Platform))
            {
                failures.Add($"{key}:Platform is required (discord, slack or console).");
            }

            if (string.IsNullOrWhiteSpace(entry.Channel))
            {
                failures.Add($"{key}:Channel is required.");
            }

            if (!DigestCron.TryParse(entry.Cron, out _, out var error))
            {
                failures.Add($"{key}:Cron: {error}");
            }

            if (!string.IsNullOrWhiteSpace(entry.TimeZone) && !DigestCron.TryFindTimeZone(entry.TimeZone, out _))
            {
                failures.Add($"{key}:TimeZone “{entry.TimeZone}” is not a known time zone.");
            }

            if (!string.IsNullOrWhiteSpace(entry.Library) && !Core.Libraries.LibraryNames.IsValidReference(entry.Library.Trim()))
            {
                failures.Add($"{key}:Library “{entry.Library}” is not a library name (a-z, 0-9, '-', '_', '.'; or discord:<guild id>, slack:<team id>).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
