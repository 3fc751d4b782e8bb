using System.Text;
using System.Text.RegularExpressions;

namespace ChatBot.Retrieval.Ingestion;

/// <summary>
/// Normalises extracted text: Unicode NFC, \n line ends, no control characters, no lone surrogates or noncharacters
/// (U+FFFE and the like, which NFC refuses), at most one blank line in a row.
/// </summary>
public static partial class TextCleaner
{
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = WellFormed(text).Normalize(NormalizationForm.FormC).Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        var builder = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            if (c == '\n' || c == '\t' || !char.IsControl(c))
            {
                builder.Append(c == '\t' || c == '\u00a0' ? ' ' : c);
            }
        }

        var lines = builder.ToString().Split('\n').Select(l => SpaceRun().Replace(l, " ").Trim());
        return BlankRun().Replace(string.Join('\n', lines), "\n\n").Trim();
    }

    /// <summary>The text without lone surrogates and noncharacters (a corrupt or hostile file has them; NFC throws on them).</summary>
    private static string WellFormed(string text)
    {
        var clean = true;
        for (var i = 0; i < text.Length && clean;)
        {
            clean = Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var used) == System.Buffers.OperationStatus.Done && !IsNoncharacter(rune);
            i += Math.Max(used, 1);
        }

        if (clean)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length;)
        {
            var status = Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var used);
            if (status == System.Buffers.OperationStatus.Done && !IsNoncharacter(rune))
            {
                builder.Append(text, i, used);
            }

            i += Math.Max(used, 1);
        }

        return builder.ToString();
    }

    private static bool IsNoncharacter(Rune rune) =>
        (rune.Value & 0xFFFE) == 0xFFFE || rune.Value is >= 0xFDD0 and <= 0xFDEF;

    [GeneratedRegex(" {2,}")]
    private static partial Regex SpaceRun();

    [GeneratedRegex("\n{3,}")]
    private static partial Regex BlankRun();
}
