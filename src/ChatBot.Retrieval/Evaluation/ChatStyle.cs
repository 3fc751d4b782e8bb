using System.Text.RegularExpressions;
using ChatBot.Retrieval.Text;

namespace ChatBot.Retrieval.Evaluation;

/// <summary>
/// A question rewritten the way people type in chat (<c>eval qa --chat</c>): lower case, no final question mark or
/// full stop, no apostrophes ("Meta's" → "metas", "don't" → "dont"), "you" → "u" and "please" → "pls", and one typo
/// in one content word of four letters or more, never in its first letter (people rarely mistype that): a letter left
/// out, two neighbours swapped, a letter replaced by its neighbour on a QWERTY keyboard, or a letter typed twice.
/// Deterministic: the word, the kind of typo and its place come from a generator seeded with FNV-1a of the question's id.
/// </summary>
public static partial class ChatStyle
{
    private static readonly string[] KeyboardRows = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];

    /// <summary>The question typed the chat way; <paramref name="typo"/> false leaves out the typo (tests compare the two).</summary>
    public static string Rewrite(string question, string id, bool typo = true)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(id);
        var text = question.Trim().TrimEnd('?', '.', '!', ' ').Replace("'", string.Empty, StringComparison.Ordinal).Replace("’", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
        text = Please().Replace(You().Replace(text, "u"), "pls");
        var words = Word().Matches(text).Where(m => m.Length >= 4 && !TextTerms.IsStopWord(m.Value)).ToList();
        if (words.Count == 0 || !typo)
        {
            return text;
        }

        var random = new Random(unchecked((int)EvalSplit.Fnv1a(id)));
        var word = words[random.Next(words.Count)];
        return string.Concat(text.AsSpan(0, word.Index), Typo(word.Value, random), text.AsSpan(word.Index + word.Length));
    }

    /// <summary>One typo in <paramref name="word"/> (four letters or more), never in its first letter.</summary>
    public static string Typo(string word, Random random)
    {
        ArgumentNullException.ThrowIfNull(word);
        ArgumentNullException.ThrowIfNull(random);
        var kind = random.Next(4);
        var at = 1 + random.Next(word.Length - (kind == 1 ? 2 : 1));
        switch (kind)
        {
            case 1 when word[at] != word[at + 1]:
                return string.Concat(word.AsSpan(0, at), word[at + 1].ToString(), word[at].ToString(), word.AsSpan(at + 2));
            case 2 when Neighbours(word[at]) is { Count: > 0 } near:
                return string.Concat(word.AsSpan(0, at), near[random.Next(near.Count)].ToString(), word.AsSpan(at + 1));
            case 3:
                return word.Insert(at, word[at].ToString());
            default:
                return word.Remove(at, 1);
        }
    }

    private static List<char> Neighbours(char letter)
    {
        var near = new List<char>(2);
        foreach (var row in KeyboardRows)
        {
            var i = row.IndexOf(letter, StringComparison.Ordinal);
            if (i > 0)
            {
                near.Add(row[i - 1]);
            }

            if (i >= 0 && i + 1 < row.Length)
            {
                near.Add(row[i + 1]);
            }
        }

        return near;
    }

    [GeneratedRegex(@"\byou\b")]
    private static partial Regex You();

    [GeneratedRegex(@"\bplease\b")]
    private static partial Regex Please();

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex Word();
}
