using ChatBot.Core.Model;

namespace ChatBot.Retrieval.Text;

/// <summary>
/// Splits text into sentence spans without losing offsets. A sentence ends at '.', '!' or '?' (with closing
/// quotes or brackets) followed by white space and an upper-case letter, digit or quote. A line break ends one only
/// where it ends a paragraph, a heading or a list item: hard-wrapped prose (a line that stops mid-sentence) runs on
/// into the next line. Common abbreviations, initials and decimals do not end a sentence; a fragment left by a
/// stray closing quote ("technology."”) stays with the sentence before it.
/// </summary>
public static class SentenceSplitter
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "etc", "e.g", "i.e", "inc", "ltd", "co", "corp",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "fig", "al",
        "approx", "dept", "est", "gen", "gov", "mt", "u.s", "u.k", "u.n", "ph.d", "a.m", "p.m",
    };

    public static IReadOnlyList<TextSpan> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var spans = new List<TextSpan>();
        var start = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c is '\n' or '\r')
            {
                if (LineBreaks.RunsOn(text, start, i))
                {
                    i++;
                    continue;
                }

                Add(text, spans, start, i);
                while (i < text.Length && char.IsWhiteSpace(text[i]))
                {
                    i++;
                }

                start = i;
                continue;
            }

            if (c is '.' or '!' or '?' or '…')
            {
                var end = i + 1;
                while (end < text.Length && text[end] is '.' or '!' or '?' or '"' or '\'' or ')' or ']' or '”' or '’' or '»')
                {
                    end++;
                }

                if (end >= text.Length)
                {
                    break;
                }

                if (char.IsWhiteSpace(text[end]) && IsBoundary(text, start, i, end))
                {
                    Add(text, spans, start, end);
                    i = end;
                    while (i < text.Length && char.IsWhiteSpace(text[i]) && text[i] is not '\n' and not '\r')
                    {
                        i++;
                    }

                    start = i;
                    continue;
                }

                i = end;
                continue;
            }

            i++;
        }

        Add(text, spans, start, text.Length);
        return spans;
    }

    /// <summary>A short line without closing punctuation is a heading ("Praise for DeepSeek R1"), not a sentence to quote.</summary>
    public static bool IsHeading(string sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        var trimmed = sentence.TrimEnd();
        return trimmed.Length > 0 && trimmed[^1] is not '.' and not '!' and not '?' and not '"' and not '”' and not ')' && trimmed.Split(' ').Length < 12;
    }

    private static bool IsBoundary(string text, int sentenceStart, int punctuation, int afterPunctuation)
    {
        var next = afterPunctuation;
        while (next < text.Length && text[next] is ' ' or '\t')
        {
            next++;
        }

        if (next >= text.Length || text[next] is '\n' or '\r')
        {
            return true;
        }

        var n = text[next];
        if (!(char.IsUpper(n) || char.IsDigit(n) || n is '"' or '“' or '\'' or '‘' or '(' or '['))
        {
            return false;
        }

        if (text[punctuation] != '.')
        {
            return true;
        }

        // The word before the full stop: an abbreviation or a single initial does not end a sentence.
        var wordStart = punctuation;
        while (wordStart > sentenceStart && !char.IsWhiteSpace(text[wordStart - 1]) && text[wordStart - 1] is not '(' and not '"')
        {
            wordStart--;
        }

        var word = text[wordStart..punctuation];
        if (word.Length == 1 && char.IsUpper(word[0]))
        {
            return false;
        }

        // "1. First item": a list number at the start of a line is not a sentence.
        if (word.Length <= 3 && word.All(char.IsDigit) && (wordStart == 0 || text[wordStart - 1] is '\n' or '\r'))
        {
            return false;
        }

        return !Abbreviations.Contains(word.TrimEnd('.'));
    }

    /// <summary>The sentence's text with white space runs (a joined line break) folded to one space.</summary>
    public static string Text(string text, TextSpan span)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sentence = text.Substring(span.Start, span.Length);
        return sentence.Contains('\n', StringComparison.Ordinal) || sentence.Contains('\r', StringComparison.Ordinal) || sentence.Contains("  ", StringComparison.Ordinal)
            ? string.Join(' ', sentence.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            : sentence;
    }

    private static void Add(string text, List<TextSpan> spans, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end <= start)
        {
            return;
        }

        // A piece without a letter or digit ("”", ".)") or a lower-case stub ("technology.”") belongs to the sentence before it.
        if (spans.Count > 0 && IsFragment(text.AsSpan(start, end - start)))
        {
            var previous = spans[^1];
            spans[^1] = new TextSpan(previous.Start, end - previous.Start);
            return;
        }

        spans.Add(new TextSpan(start, end - start));
    }

    private static bool IsFragment(ReadOnlySpan<char> piece)
    {
        var letters = 0;
        foreach (var c in piece)
        {
            letters += char.IsLetterOrDigit(c) ? 1 : 0;
        }

        return letters == 0 || (char.IsLower(piece[0]) && piece.Count(' ') < 2);
    }
}
