using System.Globalization;
using System.Text;

namespace ChatBot.Retrieval.Text;

/// <summary>
/// Word-level text handling shared by search, answers and summaries: tokens (lower case, diacritics
/// folded), a light English stemmer, and stop words.
/// </summary>
public static class TextTerms
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at",
        "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did",
        "do", "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have",
        "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into",
        "is", "it", "its", "itself", "just", "me", "more", "most", "my", "myself", "no", "nor", "not", "now", "of",
        "off", "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "said", "same",
        "say", "says", "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them",
        "themselves", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until",
        "up", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will",
        "with", "would", "you", "your", "yours", "yourself", "yourselves", "tell", "please", "s", "t", "don",
        "according", "there", "many", "much", "one", "two", "may", "might", "must", "shall", "did", "get", "got",
    };

    /// <summary>Lower-case word tokens with their offsets; letters and digits, diacritics folded.</summary>
    public static IEnumerable<(string Token, int Start, int Length)> Tokens(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && !char.IsLetterOrDigit(text[i]))
            {
                i++;
            }

            var start = i;
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || (text[i] is '\'' or '’' && i + 1 < text.Length && char.IsLetter(text[i + 1]) && i > start)))
            {
                i++;
            }

            if (i > start)
            {
                var token = Fold(text.AsSpan(start, i - start));
                var apostrophe = token.IndexOfAny(['\'', '’']);
                if (apostrophe > 0)
                {
                    token = token[..apostrophe];
                }

                yield return (token, start, i - start);
            }
        }
    }

    /// <summary>The content terms of a text: tokens, stop words removed, stemmed.</summary>
    public static List<string> ContentTerms(string text)
    {
        var terms = new List<string>();
        foreach (var (token, _, _) in Tokens(text))
        {
            if (!IsStopWord(token))
            {
                terms.Add(Stem(token));
            }
        }

        return terms;
    }

    public static bool IsStopWord(string token) => token.Length == 0 || StopWords.Contains(token);

    /// <summary>A light suffix stemmer (plurals, -ing, -ed, -ly, a final e): enough to match "models"/"model", "trained"/"training", "raise"/"raised".</summary>
    public static string Stem(string word)
    {
        if (word.Length <= 3 || char.IsDigit(word[^1]))
        {
            return word;
        }

        if (word.EndsWith("ies", StringComparison.Ordinal) && word.Length > 4)
        {
            return word[..^3] + "y";
        }

        if (word.EndsWith("sses", StringComparison.Ordinal))
        {
            return word[..^2];
        }

        if (word.EndsWith("ing", StringComparison.Ordinal) && word.Length > 5)
        {
            return TrimDouble(word[..^3]);
        }

        if (word.EndsWith("ed", StringComparison.Ordinal) && word.Length > 4)
        {
            return TrimDouble(word.EndsWith("ied", StringComparison.Ordinal) ? word[..^3] + "y" : word[..^2]);
        }

        if (word.EndsWith("ly", StringComparison.Ordinal) && word.Length > 5)
        {
            return word[..^2];
        }

        if (word[^1] == 's' && word[^2] is not 's' and not 'u' and not 'i')
        {
            return DropE(word[..^1]);
        }

        return DropE(word);
    }

    /// <summary>"raise" and "raised" (→ "rais") meet: a final e goes, as TrimDouble drops it after -ed and -ing.</summary>
    private static string DropE(string stem) => stem.Length > 4 && stem[^1] == 'e' ? stem[..^1] : stem;

    private static string TrimDouble(string stem)
    {
        if (stem.Length > 3 && stem[^1] == stem[^2] && stem[^1] is not 'l' and not 's' and not 'z')
        {
            return stem[..^1];
        }

        return stem.EndsWith('e') && stem.Length > 4 ? stem[..^1] : stem;
    }

    private static string Fold(ReadOnlySpan<char> token)
    {
        var ascii = true;
        foreach (var c in token)
        {
            if (c > 127)
            {
                ascii = false;
                break;
            }
        }

        if (ascii)
        {
            return token.ToString().ToLowerInvariant();
        }

        var decomposed = token.ToString().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }
}
