using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using NSec.Cryptography;

namespace ChatBot.Discord.Http;

/// <summary>
/// Checks an HTTP interaction (protocols.md A2.5): the Ed25519 signature in X-Signature-Ed25519 over
/// X-Signature-Timestamp + the raw body, against the application's public key (NSec, libsodium); the timestamp within
/// <see cref="MaxAge"/> of now; and the signature not seen before (a replay). Discord also sends deliberately invalid
/// signatures to check that they are refused.
/// </summary>
public sealed class DiscordSignatureVerifier(IOptions<DiscordOptions> options, TimeProvider timeProvider)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);

    private readonly PublicKey _key = PublicKey.Import(
        SignatureAlgorithm.Ed25519, Convert.FromHexString(options.Value.PublicKey ?? string.Empty), KeyBlobFormat.RawPublicKey);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private int _verified;

    /// <summary>Null when the request is genuine and new; else why it is refused (for the log).</summary>
    public string? Check(string? signatureHex, string? timestamp, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (signatureHex is not { Length: 128 } || !signatureHex.All(Uri.IsHexDigit) || string.IsNullOrEmpty(timestamp))
        {
            return "missing or malformed signature headers";
        }

        var signed = new byte[Encoding.UTF8.GetByteCount(timestamp) + body.Length];
        var length = Encoding.UTF8.GetBytes(timestamp, signed);
        body.CopyTo(signed, length);
        if (!SignatureAlgorithm.Ed25519.Verify(_key, signed, Convert.FromHexString(signatureHex)))
        {
            return "bad signature";
        }

        var now = timeProvider.GetUtcNow();
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs((now - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253_402_300_799))).Ticks) > MaxAge.Ticks)
        {
            return "stale timestamp";
        }

        if (!_seen.TryAdd(signatureHex.ToLowerInvariant(), now))
        {
            return "replayed";
        }

        if (Interlocked.Increment(ref _verified) % 256 == 0)
        {
            // A signature older than MaxAge can no longer pass the timestamp check: forget it.
            foreach (var (signature, at) in _seen)
            {
                if (now - at > MaxAge * 2)
                {
                    _seen.TryRemove(signature, out _);
                }
            }
        }

        return null;
    }
}
