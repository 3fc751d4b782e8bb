namespace ChatBot.Retrieval.Text;

/// <summary>
/// Clean quote boundaries for a quoted sentence: a closing quote mark without its opening one (left over from a
/// quotation that began in an earlier sentence) is dropped, and an opening one whose quotation runs on into the next
/// sentence is closed at the end. Curly marks say which they are; a straight one (") opens where it follows the start,
/// white space or a bracket, and closes elsewhere ("bonus,\" said").
/// </summary>
public static class QuoteMarks
{
    public static string Balance(string sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        var builder = new System.Text.StringBuilder(sentence.Length + 2);
        int curly = 0, straight = 0;
        for (var i = 0; i < sentence.Length; i++)
        {
            var c = sentence[i];
            if (c == '“')
            {
                curly++;
            }
            else if (c == '"' && straight == 0 && Opens(sentence, i))
            {
                straight++;
            }
            else if (c is '”' or '"')
            {
                ref var depth = ref c == '”' ? ref curly : ref straight;
                if (depth == 0)
                {
                    continue; // closes a quotation this sentence never opened
                }

                depth--;
            }

            builder.Append(c);
        }

        var text = builder.ToString().Trim();
        return text + new string('"', straight) + new string('”', curly);
    }

    private static bool Opens(string text, int index) =>
        index == 0 || char.IsWhiteSpace(text[index - 1]) || text[index - 1] is '(' or '[' or '—' or '–';
}
