namespace ChatBot.Retrieval.Text;

/// <summary>
/// Clean quote boundaries for a quoted sentence: a closing quote mark without its opening one (left over from a
/// quotation that began in an earlier sentence) is dropped, and an opening one whose quotation runs on into the next
/// sentence is closed at the end.
/// </summary>
public static class QuoteMarks
{
    public static string Balance(string sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        var text = BalanceCurly(sentence);
        var straight = text.Count(c => c == '"');
        if (straight % 2 == 1)
        {
            var last = text.LastIndexOf('"');
            var afterIsEnd = text.AsSpan(last + 1).Trim().IsEmpty;
            var beforeIsPunctuation = last > 0 && text[last - 1] is '.' or '!' or '?' or ',';
            text = afterIsEnd && beforeIsPunctuation ? text.Remove(last, 1) : text + "\"";
        }

        return text.Trim();
    }

    private static string BalanceCurly(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length + 1);
        var depth = 0;
        foreach (var c in text)
        {
            if (c == '“')
            {
                depth++;
            }
            else if (c == '”')
            {
                if (depth == 0)
                {
                    continue; // closes a quotation this sentence never opened
                }

                depth--;
            }

            builder.Append(c);
        }

        builder.Append('”', depth);
        return builder.ToString();
    }
}
