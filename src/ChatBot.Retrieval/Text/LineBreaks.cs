namespace ChatBot.Retrieval.Text;

/// <summary>
/// Whether a line break is only a wrap inside a paragraph. It ends the sentence when a blank line, a list item or a
/// heading follows, when the line is a heading (a '#', or a short or Title-Case line without closing punctuation)
/// or a list item, or when the line already ends with a sentence's punctuation. A line on which an earlier sentence
/// ended is prose, whatever the length of the sentence that began on it.
/// </summary>
internal static class LineBreaks
{
    private const int MinWrappedWords = 8;

    /// <param name="text">The whole text.</param>
    /// <param name="sentenceStart">Where the current sentence starts (the line starts at or after it).</param>
    /// <param name="lineBreak">The index of the '\n' or '\r'.</param>
    public static bool RunsOn(string text, int sentenceStart, int lineBreak)
    {
        var lineStart = lineBreak;
        while (lineStart > sentenceStart && text[lineStart - 1] is not '\n' and not '\r')
        {
            lineStart--;
        }

        var line = text.AsSpan(lineStart, lineBreak - lineStart).Trim();
        var next = lineBreak;
        if (next < text.Length && text[next] == '\r' && next + 1 < text.Length && text[next + 1] == '\n')
        {
            next++;
        }

        next++;
        var nextStart = next;
        while (nextStart < text.Length && text[nextStart] is ' ' or '\t')
        {
            nextStart++;
        }

        if (line.IsEmpty || nextStart >= text.Length || text[nextStart] is '\n' or '\r')
        {
            return false; // a blank line: the paragraph ends
        }

        var nextLine = text.AsSpan(nextStart, LineLength(text, nextStart));
        var ending = line.TrimEnd("\"'”’)]» ");
        if (ending.IsEmpty || IsListItem(line) || IsListItem(nextLine) || line[0] == '#' || nextLine[0] == '#' || ending[^1] is '.' or '!' or '?' or ':' or ';' or '…')
        {
            return false;
        }

        if (char.IsLower(nextLine[0]) || EndsAnEarlierSentence(text, lineStart))
        {
            return true;
        }

        var words = line.Count(' ') + 1;
        return words >= MinWrappedWords && !IsTitleCase(line);
    }

    /// <summary>
    /// The line holds the end of an earlier sentence before the current one started ("… 13 December. Packing crates will
    /// arrive on Wednesday"): prose wrapped at the line's end, not a heading, however few words the current one has.
    /// </summary>
    private static bool EndsAnEarlierSentence(string text, int sentenceStartOnLine)
    {
        var physicalStart = sentenceStartOnLine;
        while (physicalStart > 0 && text[physicalStart - 1] is not '\n' and not '\r')
        {
            physicalStart--;
        }

        return !text.AsSpan(physicalStart, sentenceStartOnLine - physicalStart).IsWhiteSpace();
    }

    private static int LineLength(string text, int start)
    {
        var end = start;
        while (end < text.Length && text[end] is not '\n' and not '\r')
        {
            end++;
        }

        return end - start;
    }

    private static bool IsListItem(ReadOnlySpan<char> line)
    {
        if (line.Length >= 2 && line[0] is '-' or '*' or '•' or '+' or '–' && line[1] == ' ')
        {
            return true;
        }

        var digits = 0;
        while (digits < line.Length && char.IsDigit(line[digits]))
        {
            digits++;
        }

        return digits is > 0 and < 4 && digits + 1 < line.Length && line[digits] is '.' or ')' && line[digits + 1] == ' ';
    }

    /// <summary>Most words capitalised ("Praise for China's DeepSeek R1 Model"): a heading or a title.</summary>
    public static bool IsTitleCase(ReadOnlySpan<char> line)
    {
        int words = 0, capitalised = 0;
        foreach (var range in line.Split(' '))
        {
            var word = line[range];
            if (word.Length == 0)
            {
                continue;
            }

            words++;
            capitalised += char.IsUpper(word[0]) || char.IsDigit(word[0]) ? 1 : 0;
        }

        return words > 0 && capitalised >= 0.6 * words;
    }
}
