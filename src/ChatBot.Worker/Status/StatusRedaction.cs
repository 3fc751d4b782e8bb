using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace ChatBot.Worker.Status;

/// <summary>
/// What the status page must not show: a channel id (a Discord DM's channel may be a user's id) becomes a short hash; a
/// feed address loses its credentials, query and fragment (private feeds carry tokens there), and so does any address
/// inside an error message.
/// </summary>
public static partial class StatusRedaction
{
    /// <summary>"#" and the first 8 hex digits of the SHA-256 of platform and channel: stable, not reversible in practice.</summary>
    public static string Channel(string platform, string channelId) =>
        "#" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(platform + ":" + channelId)))[..8];

    public static string Address(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.Unescaped)
            : "(unreadable address)";

    public static string? Problem(string? text) =>
        text is null ? null : AddressInText().Replace(text, m => Address(m.Value.TrimEnd('.', ',', ';', ')', '"', '\'')));

    [GeneratedRegex(@"https?://\S+", RegexOptions.CultureInvariant)]
    private static partial Regex AddressInText();
}
