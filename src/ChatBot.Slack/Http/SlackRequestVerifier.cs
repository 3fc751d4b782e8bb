using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ChatBot.Slack.Http;

/// <summary>
/// Verifies Slack's request signature (protocols.md B2.3): v0=HMAC-SHA256(signing secret, "v0:{timestamp}:{raw body}"),
/// compared in constant time, timestamp within 5 minutes; a signature already accepted is refused as a replay.
/// </summary>
public sealed class SlackRequestVerifier(IOptions<SlackOptions> options, TimeProvider timeProvider)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private readonly byte[] _secret = Encoding.UTF8.GetBytes(options.Value.SigningSecret ?? string.Empty);

    public SlackSignatureResult Verify(string? timestamp, string? signature, ReadOnlySpan<byte> body)
    {
        if (_secret.Length == 0 || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
        {
            return SlackSignatureResult.Missing;
        }

        var now = timeProvider.GetUtcNow();
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs(now.ToUnixTimeSeconds() - seconds) > Window.TotalSeconds)
        {
            return SlackSignatureResult.Stale;
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(_secret, timestamp, body)), Encoding.ASCII.GetBytes(signature)))
        {
            return SlackSignatureResult.Mismatch;
        }

        Prune(now);
        return _seen.TryAdd(signature, now) ? SlackSignatureResult.Valid : SlackSignatureResult.Replayed;
    }

    /// <summary>The v0 signature of a request (also what tests sign with).</summary>
    public static string Sign(ReadOnlySpan<byte> secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"v0:{timestamp}:");
        var data = new byte[prefix.Length + body.Length];
        prefix.CopyTo(data, 0);
        body.CopyTo(data.AsSpan(prefix.Length));
        return "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(secret, data));
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, at) in _seen)
        {
            if (now - at > Window + Window)
            {
                _seen.TryRemove(key, out _);
            }
        }
    }
}
