namespace ChatBot.Discord.Rendering;

/// <summary>Splits text into pieces of at most N characters at the cleanest break it can find: paragraph, line, sentence, word.</summary>
public static class TextSplitter
{
    public static IReadOnlyList<string> Split(string text, int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 2);
        var pieces = new List<string>();
        var rest = (text ?? string.Empty).Trim();
        while (rest.Length > max)
        {
            var cut = BestCut(rest, max);
            var piece = rest[..cut].TrimEnd();
            if (piece.Length == 0)
            {
                piece = rest[..max];
                cut = max;
            }

            pieces.Add(piece);
            rest = rest[cut..].TrimStart();
        }

        if (rest.Length > 0)
        {
            pieces.Add(rest);
        }

        return pieces;
    }

    /// <summary>Shortens to at most N characters, ending with an ellipsis when cut.</summary>
    public static string Truncate(string? text, int max)
    {
        var value = (text ?? string.Empty).Trim();
        return value.Length <= max ? value : value[..(max - 1)].TrimEnd() + "…";
    }

    private static int BestCut(string text, int max)
    {
        var window = text[..max];
        var minimum = max / 2;
        foreach (var separator in new[] { "\n\n", "\n", ". ", "! ", "? ", "; ", ", ", " " })
        {
            var at = window.LastIndexOf(separator, StringComparison.Ordinal);
            if (at >= minimum)
            {
                return at + separator.Length;
            }
        }

        // Never cut a surrogate pair in half.
        return char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
    }
}
