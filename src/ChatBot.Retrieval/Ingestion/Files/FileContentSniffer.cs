using System.Buffers;
using System.Text;

namespace ChatBot.Retrieval.Ingestion.Files;

/// <summary>
/// Looks at a file's first bytes before it is read by its extension: a known binary format (magic number), NUL bytes,
/// many control characters or much invalid UTF-8 mean it is not text, and a .pdf must start like a PDF. Returns the
/// reason a file cannot be what its name says, or null when it can.
/// </summary>
public static class FileContentSniffer
{
    /// <summary>How much of the file is looked at.</summary>
    public const int SampleBytes = 64 * 1024;

    private static readonly (byte[] Magic, int Offset, string Name)[] Signatures =
    [
        ("%PDF-"u8.ToArray(), 0, "a PDF document"),
        ([0x7F, (byte)'E', (byte)'L', (byte)'F'], 0, "an ELF executable"),
        ("MZ"u8.ToArray(), 0, "a Windows executable"),
        ([0xCF, 0xFA, 0xED, 0xFE], 0, "a Mach-O executable"),
        ([0xFE, 0xED, 0xFA, 0xCF], 0, "a Mach-O executable"),
        ([0xCA, 0xFE, 0xBA, 0xBE], 0, "a Mach-O or Java class file"),
        ("\0asm"u8.ToArray(), 0, "a WebAssembly module"),
        ("PK\u0003\u0004"u8.ToArray(), 0, "a ZIP archive (e.g. .docx, .odt, .epub, .jar)"),
        ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], 0, "an Office 97-2003 document"),
        ([0x1F, 0x8B], 0, "a gzip archive"),
        ("BZh"u8.ToArray(), 0, "a bzip2 archive"),
        ([0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0x00], 0, "an xz archive"),
        ([(byte)'7', (byte)'z', 0xBC, 0xAF, 0x27, 0x1C], 0, "a 7-Zip archive"),
        ([0x28, 0xB5, 0x2F, 0xFD], 0, "a Zstandard archive"),
        ("Rar!"u8.ToArray(), 0, "a RAR archive"),
        ("ustar"u8.ToArray(), 257, "a tar archive"),
        ([0x89, (byte)'P', (byte)'N', (byte)'G'], 0, "a PNG image"),
        ([0xFF, 0xD8, 0xFF], 0, "a JPEG image"),
        ("GIF8"u8.ToArray(), 0, "a GIF image"),
        ("RIFF"u8.ToArray(), 0, "a RIFF file (WAV, AVI or WebP)"),
        ("ftyp"u8.ToArray(), 4, "an MP4/QuickTime video"),
        ("ID3"u8.ToArray(), 0, "an MP3 file"),
        ("OggS"u8.ToArray(), 0, "an Ogg file"),
        ("fLaC"u8.ToArray(), 0, "a FLAC file"),
        ("SQLite format 3\0"u8.ToArray(), 0, "an SQLite database"),
    ];

    /// <summary>Why the file at <paramref name="path"/> is not a readable <paramref name="extension"/>, or null.</summary>
    public static async Task<string?> ProblemAsync(string path, string extension, CancellationToken cancellationToken)
    {
        var buffer = new byte[SampleBytes];
        int length;
        await using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, useAsync: true))
        {
            length = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
        }

        return Problem(buffer.AsSpan(0, length), extension);
    }

    /// <summary>Why <paramref name="sample"/> (a file's first bytes) is not a readable <paramref name="extension"/>, or null.</summary>
    public static string? Problem(ReadOnlySpan<byte> sample, string extension)
    {
        var format = Format(sample);
        if (string.Equals(extension, ".pdf", StringComparison.OrdinalIgnoreCase))
        {
            // PDF readers accept the header anywhere in the first 1024 bytes.
            return sample[..Math.Min(sample.Length, 1024)].IndexOf("%PDF-"u8) >= 0
                ? null
                : $"not a PDF: it looks like {format ?? (LooksLikeText(sample) is null ? "plain text" : "binary data")}";
        }

        if (format is not null)
        {
            return $"not text: it looks like {format}";
        }

        return LooksLikeText(sample) is { } reason ? "not text: " + reason : null;
    }

    private static string? Format(ReadOnlySpan<byte> sample)
    {
        foreach (var (magic, offset, name) in Signatures)
        {
            if (sample.Length >= offset + magic.Length && sample.Slice(offset, magic.Length).SequenceEqual(magic))
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>Null when the bytes read as text (UTF-16 with a byte-order mark, or mostly valid UTF-8), else why not.</summary>
    private static string? LooksLikeText(ReadOnlySpan<byte> sample)
    {
        if (sample.StartsWith(new byte[] { 0xFF, 0xFE }) || sample.StartsWith(new byte[] { 0xFE, 0xFF }))
        {
            return null;
        }

        if (sample.IndexOf((byte)0) >= 0)
        {
            return "it holds NUL bytes (binary data)";
        }

        var controls = 0;
        foreach (var b in sample)
        {
            if (b < 0x20 && b is not (byte)'\t' and not (byte)'\n' and not (byte)'\r' and not 0x0C and not 0x1B)
            {
                controls++;
            }
        }

        if (controls * 20 > sample.Length)
        {
            return "more than 5 % of its bytes are control characters (binary data)";
        }

        var invalid = InvalidUtf8Bytes(sample);
        return invalid * 10 > sample.Length ? "more than 10 % of its bytes are not valid UTF-8 (binary data)" : null;
    }

    /// <summary>Bytes that are not part of a valid UTF-8 sequence (a sequence cut at the end of the sample counts as valid).</summary>
    private static int InvalidUtf8Bytes(ReadOnlySpan<byte> sample)
    {
        var invalid = 0;
        while (!sample.IsEmpty)
        {
            var status = Rune.DecodeFromUtf8(sample, out _, out var consumed);
            if (status == OperationStatus.InvalidData)
            {
                invalid += consumed;
            }
            else if (status == OperationStatus.NeedMoreData)
            {
                break;
            }

            sample = sample[consumed..];
        }

        return invalid;
    }
}
