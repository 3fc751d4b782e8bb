using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using NSec.Cryptography;

namespace ChatBot.TestKit.Discord;

/// <summary>
/// Discord's side of HTTP interactions: an Ed25519 key pair made for the test (its public key is what the bot is
/// configured with) that signs requests as Discord does (X-Signature-Ed25519 over X-Signature-Timestamp + body).
/// </summary>
public sealed class DiscordInteractionSigner : IDisposable
{
    private readonly Key _key = Key.Create(SignatureAlgorithm.Ed25519);

    /// <summary>The public key in the portal's format: 64 hex digits.</summary>
    public string PublicKeyHex => Convert.ToHexString(_key.PublicKey.Export(KeyBlobFormat.RawPublicKey)).ToLowerInvariant();

    public string Sign(string timestamp, string body) =>
        Convert.ToHexString(SignatureAlgorithm.Ed25519.Sign(_key, Encoding.UTF8.GetBytes(timestamp + body))).ToLowerInvariant();

    /// <summary>A POST of <paramref name="body"/> signed at <paramref name="at"/>; <paramref name="signature"/> overrides the signature.</summary>
    public HttpRequestMessage Request(Uri endpoint, string body, DateTimeOffset at, string? signature = null)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Signature-Ed25519", signature ?? Sign(timestamp, body));
        request.Headers.Add("X-Signature-Timestamp", timestamp);
        return request;
    }

    public HttpRequestMessage Request(Uri endpoint, JsonNode body, DateTimeOffset at) => Request(endpoint, body.ToJsonString(), at);

    public void Dispose() => _key.Dispose();
}
