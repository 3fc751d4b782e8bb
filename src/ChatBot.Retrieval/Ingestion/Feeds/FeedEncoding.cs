using System.Text;
using System.Text.RegularExpressions;
using System.Text.Unicode;

namespace ChatBot.Retrieval.Ingestion.Feeds;

/// <summary>
/// Picks the encoding of a feed's bytes in order of trust: a byte-order mark, then the HTTP charset, then the XML
/// declaration, then UTF-8. Legacy code pages (windows-1252, iso-8859-7, euc-kr, shift_jis …) come from
/// <see cref="CodePagesEncodingProvider"/>. A label that is unknown, or that the bytes do not match, falls back to the
/// next source (and finally to windows-1252, which reads any byte) with a warning instead of failing the feed.
/// </summary>
public static partial class FeedEncoding
{
    static FeedEncoding() => Register();

    /// <summary>Makes the code-page encodings available to <see cref="Encoding.GetEncoding(string)"/> (idempotent).</summary>
    public static void Register() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The encoding to read <paramref name="body"/> with, the length of its byte-order mark, and a warning when a label was not usable.</summary>
    public static (Encoding Encoding, int Preamble, string? Warning) Detect(ReadOnlySpan<byte> body, string? httpCharset)
    {
        if (Bom(body) is { } bom)
        {
            return (bom.Encoding, bom.Length, null);
        }

        var warnings = new List<string>();
        foreach (var (label, origin) in new[] { (httpCharset, "the HTTP charset"), (Declared(body), "the XML declaration") })
        {
            if (string.IsNullOrWhiteSpace(label))
            {
                continue;
            }

            var encoding = Find(label);
            if (encoding is null)
            {
                warnings.Add($"encoding {label} ({origin}) is unknown");
            }
            else if (!Fits(encoding, body))
            {
                warnings.Add($"encoding {label} ({origin}) could not be read: the bytes are not {label}");
            }
            else
            {
                return (encoding, 0, warnings.Count == 0 ? null : string.Join("; ", warnings) + $"; read as {label}");
            }
        }

        var fallback = Utf8.IsValid(body) ? new UTF8Encoding(false) : Encoding.GetEncoding(1252);
        return (fallback, 0, warnings.Count == 0 ? null : string.Join("; ", warnings) + $"; read as {fallback.WebName}");
    }

    /// <summary>An encoding by label (WHATWG style: iso-8859-1, latin1 and us-ascii read as windows-1252, their superset), or null.</summary>
    public static Encoding? Find(string label)
    {
        var name = label.Trim().Trim('"', '\'').ToLowerInvariant();
        if (name is "iso-8859-1" or "iso8859-1" or "latin1" or "latin-1" or "l1" or "us-ascii" or "ascii" or "iso_8859-1" or "cp1252")
        {
            name = "windows-1252";
        }

        try
        {
            return name is "utf-8" or "utf8" ? new UTF8Encoding(false) : Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static bool Fits(Encoding encoding, ReadOnlySpan<byte> body)
    {
        if (encoding is UTF8Encoding)
        {
            return Utf8.IsValid(body);
        }

        if (encoding.IsSingleByte)
        {
            return true;
        }

        // A multi-byte code page (euc-kr, shift_jis, gb2312 …): the bytes must decode without a replacement.
        var strict = Encoding.GetEncoding(encoding.CodePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        try
        {
            strict.GetCharCount(body);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static (Encoding Encoding, int Length)? Bom(ReadOnlySpan<byte> body) => body switch
    {
        [0xEF, 0xBB, 0xBF, ..] => (new UTF8Encoding(false), 3),
        [0xFF, 0xFE, 0x00, 0x00, ..] => (new UTF32Encoding(false, false), 4),
        [0x00, 0x00, 0xFE, 0xFF, ..] => (new UTF32Encoding(true, false), 4),
        [0xFF, 0xFE, ..] => (new UnicodeEncoding(false, false), 2),
        [0xFE, 0xFF, ..] => (new UnicodeEncoding(true, false), 2),
        _ => null,
    };

    /// <summary>The encoding named by the XML declaration (read as ASCII from the first bytes), if any.</summary>
    private static string? Declared(ReadOnlySpan<byte> body)
    {
        var head = Encoding.ASCII.GetString(body[..Math.Min(body.Length, 512)]);
        var match = Declaration().Match(head);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex("""^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:\-]+)["']""")]
    private static partial Regex Declaration();
}
