using System.Text;
using System.Text.RegularExpressions;

namespace ChatBot.Retrieval.Ingestion;

/// <summary>Normalises extracted text: Unicode NFC, \n line ends, no control characters, at most one blank line in a row.</summary>
public static partial class TextCleaner
{
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = text.Normalize(NormalizationForm.FormC).Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
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

    [GeneratedRegex(" {2,}")]
    private static partial Regex SpaceRun();

    [GeneratedRegex("\n{3,}")]
    private static partial Regex BlankRun();
}
