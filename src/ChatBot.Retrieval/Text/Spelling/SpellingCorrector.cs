using F23.StringSimilarity;

namespace ChatBot.Retrieval.Text.Spelling;

/// <summary>
/// Questions as people type them ("who is metas chief scientst"): a question word the library does not hold (no
/// indexed chunk contains it, by the index's own stemming) is read as the word of the passages retrieved for the
/// question that it is a typo of (<see cref="IsWithinReach"/>). Only unknown words are ever touched, so a correctly spelled
/// word the library holds, however rare, stays as typed; words mixing letters and digits ("Zorblax40") and words under
/// four letters are never corrected, and nothing is corrected into a stop word or a number. The candidates are the
/// words of the passages the uncorrected question retrieved that also hold another word of the question, so a
/// correction has to fit the question's topic; an unknown name with no near word there stays unknown, and so does a
/// question with no known content word ("who is elon musk" is never read as "elton").
/// </summary>
public static class SpellingCorrector
{
    /// <summary>Shorter words are never corrected: too many real words lie one edit apart.</summary>
    public const int MinLength = 4;

    private static readonly Damerau Distance = new();

    /// <summary>Whether the question holds a word <see cref="Correct"/> may change: one of <paramref name="unknown"/> that may be a typo.</summary>
    public static bool MayCorrect(string question, IReadOnlySet<string> unknown)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(unknown);
        return unknown.Count > 0 && TextTerms.Tokens(question).Any(t => unknown.Contains(t.Token) && Correctable(t.Token));
    }

    /// <summary>
    /// The one rule of a typo: <paramref name="known"/> starts with the same letter as <paramref name="typed"/> (people
    /// rarely mistype the first letter) and is within Damerau-Levenshtein distance 1 (an insertion, deletion,
    /// substitution or swap of two neighbours), or 2 when the typed word has six letters or more; a word with a digit is
    /// only ever itself (Zorblax40 is not Zorblax00), and one under four letters too. Used for query
    /// words here and for misspelled names (<c>UnknownNames</c>). A word is within reach of itself.
    /// </summary>
    public static bool IsWithinReach(string typed, string known) => Edits(typed, known) <= Reach(typed);

    /// <summary>
    /// <paramref name="question"/> with each of its <paramref name="unknown"/> words (lower-case tokens) replaced by the
    /// nearest word of <paramref name="texts"/> that share a word with the question (fewest edits, then the most texts
    /// holding it, then the first in ordinal order), keeping its capitalisation and anything after an apostrophe.
    /// Unchanged when nothing is near, and when the question has no known content word to give the topic.
    /// </summary>
    public static SpellingCorrection Correct(string question, IReadOnlySet<string> unknown, IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(unknown);
        ArgumentNullException.ThrowIfNull(texts);
        var typos = TextTerms.Tokens(question).Where(t => unknown.Contains(t.Token) && Correctable(t.Token)).ToList();
        if (typos.Count == 0)
        {
            return new SpellingCorrection(question, []);
        }

        var vocabulary = Vocabulary(question, unknown, texts);
        var corrections = new List<(string Typed, string Read)>();
        var corrected = question;

        // Right to left, so the offsets of the words still to replace stay valid.
        foreach (var (token, start, length) in typos.OrderByDescending(t => t.Start))
        {
            if (Nearest(token, vocabulary) is not { } word)
            {
                continue;
            }

            var typed = question.Substring(start, length);
            var apostrophe = typed.IndexOfAny(['\'', '’']);
            var suffix = apostrophe > 0 ? typed[apostrophe..] : string.Empty;
            corrected = string.Concat(corrected.AsSpan(0, start), Cased(word, typed), suffix, corrected.AsSpan(start + length));
            corrections.Insert(0, (token, word));
        }

        return new SpellingCorrection(corrected, corrections);
    }

    private static bool Correctable(string token) => token.Length >= MinLength && !HasDigit(token);

    private static bool HasDigit(string word) => word.AsSpan().ContainsAnyInRange('0', '9');

    private static int Reach(string typed) => typed.Length < MinLength ? 0 : typed.Length >= 6 ? 2 : 1;

    /// <summary>The edit distance when the first letters agree and the lengths are within reach; else more than any reach.</summary>
    private static int Edits(string typed, string known)
    {
        ArgumentNullException.ThrowIfNull(typed);
        ArgumentNullException.ThrowIfNull(known);
        if (string.Equals(typed, known, StringComparison.Ordinal))
        {
            return 0;
        }

        var reach = Reach(typed);
        return reach == 0 || known.Length == 0 || known[0] != typed[0] || Math.Abs(known.Length - typed.Length) > reach || HasDigit(typed) || HasDigit(known)
            ? int.MaxValue
            : (int)Distance.Distance(typed, known);
    }

    private static string? Nearest(string token, Dictionary<string, int> vocabulary)
    {
        if (vocabulary.ContainsKey(token))
        {
            return null;
        }

        string? best = null;
        var bestEdits = int.MaxValue;
        var bestCount = 0;
        foreach (var (word, count) in vocabulary)
        {
            var edits = Edits(token, word);
            if (edits > Reach(token))
            {
                continue;
            }

            if (edits < bestEdits || (edits == bestEdits && (count > bestCount || (count == bestCount && string.CompareOrdinal(word, best) < 0))))
            {
                (best, bestEdits, bestCount) = (word, edits, count);
            }
        }

        return best;
    }

    /// <summary>
    /// The words a typo may stand for, each with the number of texts that hold it beside another word of the question
    /// (the question's topic): no stop words, no numbers, and nothing from a text that shares no word with the question.
    /// </summary>
    private static Dictionary<string, int> Vocabulary(string question, IReadOnlySet<string> unknown, IEnumerable<string> texts)
    {
        var context = TextTerms.Tokens(question)
            .Where(t => !unknown.Contains(t.Token) && !TextTerms.IsStopWord(t.Token))
            .Select(t => TextTerms.Stem(t.Token))
            .ToHashSet(StringComparer.Ordinal);
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        if (context.Count == 0)
        {
            return vocabulary;
        }

        foreach (var text in texts)
        {
            var words = TextTerms.Tokens(text).Select(t => t.Token).Where(t => !TextTerms.IsStopWord(t)).ToHashSet(StringComparer.Ordinal);
            if (!words.Any(w => context.Contains(TextTerms.Stem(w))))
            {
                continue;
            }

            foreach (var word in words.Where(w => !HasDigit(w)))
            {
                vocabulary[word] = vocabulary.GetValueOrDefault(word) + 1;
            }
        }

        return vocabulary;
    }

    private static string Cased(string word, string typed) =>
        typed.Length > 1 && typed.All(c => !char.IsLetter(c) || char.IsUpper(c)) ? word.ToUpperInvariant()
        : char.IsUpper(typed[0]) ? string.Concat(char.ToUpperInvariant(word[0]).ToString(), word.AsSpan(1))
        : word;
}

/// <summary>A question after <see cref="SpellingCorrector.Correct"/>, and each word it read differently (typed, read as).</summary>
public sealed record SpellingCorrection(string Question, IReadOnlyList<(string Typed, string Read)> Corrections);
