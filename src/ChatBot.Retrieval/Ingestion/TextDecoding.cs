using System.Text;
using System.Text.RegularExpressions;
using ChatBot.Retrieval.Ingestion.Feeds;

namespace ChatBot.Retrieval.Ingestion;

/// <summary>
/// The characters of a page or a file, for web responses and files on disk alike: a byte-order mark wins, then the
/// declared charset (HTTP), then an HTML page's &lt;meta charset&gt;, then UTF-8 when the bytes are UTF-8, else
/// windows-1252 (an old Windows or Latin-1 text file reads as "Café", not "Caf�"). The choice is
/// <see cref="FeedEncoding.Detect"/>'s, so feeds and pages decide alike.
/// </summary>
public static partial class TextDecoding
{
    /// <param name="charset">The HTTP Content-Type charset, or null for a file.</param>
    /// <param name="html">Whether to look for a &lt;meta charset&gt; near the top.</param>
    public static string Decode(byte[] body, string? charset, bool html)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (string.IsNullOrWhiteSpace(charset) && html)
        {
            var meta = MetaCharset().Match(Encoding.ASCII.GetString(body, 0, Math.Min(body.Length, 2048)));
            charset = meta.Success ? meta.Groups[1].Value : null;
        }

        var (encoding, preamble, _) = FeedEncoding.Detect(body, charset);
        return encoding.GetString(body, preamble, body.Length - preamble);
    }

    [GeneratedRegex("""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex MetaCharset();
}
