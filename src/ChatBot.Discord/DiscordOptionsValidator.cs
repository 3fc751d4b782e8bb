using Microsoft.Extensions.Options;

namespace ChatBot.Discord;

/// <summary>Rules that span keys: a token needs an application id; the shard must exist.</summary>
public sealed class DiscordOptionsValidator : IValidateOptions<DiscordOptions>
{
    public ValidateOptionsResult Validate(string? name, DiscordOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Enabled && string.IsNullOrWhiteSpace(options.ApplicationId))
        {
            failures.Add("Discord:ApplicationId is required when Discord:Token is set.");
        }

        if (options.ApplicationId is { Length: > 0 } app && !ulong.TryParse(app, out _))
        {
            failures.Add("Discord:ApplicationId must be a numeric snowflake.");
        }

        if (options.GuildId is { Length: > 0 } guild && !ulong.TryParse(guild, out _))
        {
            failures.Add("Discord:GuildId must be a numeric snowflake.");
        }

        if (options.ShardCount == 0 ? options.ShardId != 0 : options.ShardId >= options.ShardCount)
        {
            failures.Add("Discord:ShardId must be less than Discord:ShardCount (and 0 when the count is automatic).");
        }

        if (options.ShardIds is { Length: > 0 } ids
            && (options.ShardCount == 0 || ids.Any(id => id < 0 || id >= options.ShardCount) || ids.Distinct().Count() != ids.Length))
        {
            failures.Add("Discord:ShardIds must be distinct shard ids below Discord:ShardCount, which must then be set.");
        }

        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add("Discord:ApiBaseUrl must be an absolute http(s) URL.");
        }

        if (!string.IsNullOrWhiteSpace(options.InteractionsUrl)
            && (options.PublicKey is not { Length: 64 } key || !key.All(Uri.IsHexDigit)))
        {
            failures.Add("Discord:PublicKey (64 hex digits, from the Developer Portal) is required when Discord:InteractionsUrl is set.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
