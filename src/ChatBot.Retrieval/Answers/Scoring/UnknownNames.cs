using ChatBot.Retrieval.Text;
using ChatBot.Retrieval.Text.Spelling;

namespace ChatBot.Retrieval.Answers.Scoring;

/// <summary>
/// A question about a name the articles never mention ("the mayor of Zorblax40" when only Zorblax00, 05 and 10 are
/// indexed) is not answered from the neighbours' facts: a question word that no passage contains and that reads as a
/// name (capitalised inside the question, or letters mixed with digits) means the subject is not in the articles. So
/// does the noun a "how many" question counts, typed in any case (<see cref="AnswerType.CountedNoun"/>: "how many gpus
/// did deepseek use" over articles that never mention GPUs): the answer would have to count it. Other lower-case words
/// no article holds are not taken as unknown: on the SQuAD train part they are mostly paraphrases of a question the
/// articles do answer ("grappling", "purview", "erroneously"), see docs/retrieval.md.
/// A misspelled name ("Ghandi", "Bismark") is not unknown: a word of the answer passages within reach of it by the
/// spelling rule (<see cref="SpellingCorrector.IsWithinReach"/>) stands for it. Letters mixed with digits must match
/// exactly (Zorblax40 is not Zorblax00).
/// </summary>
public static class UnknownNames
{
    public static string? Find(string question, TermWeights weights, IReadOnlyList<Passage> passages)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(passages);
        if (weights.Unseen.Count == 0)
        {
            return null;
        }

        HashSet<string>? vocabulary = null;
        var counted = AnswerType.CountedNoun(question);
        foreach (var (token, start, length) in TextTerms.Tokens(question))
        {
            if (!weights.Unseen.Contains(token))
            {
                continue;
            }

            var word = question.AsSpan(start, length);
            var mixed = word.ContainsAnyInRange('0', '9') && word.ContainsAnyExceptInRange('0', '9');
            var named = (start > 0 && char.IsUpper(word[0])) || token == counted;
            if (mixed || (named && !IsMisspelling(token, vocabulary ??= Vocabulary(passages))))
            {
                return word.ToString();
            }
        }

        return null;
    }

    /// <summary>Whether a word of <paramref name="vocabulary"/> is the name misspelled (<see cref="SpellingCorrector.IsWithinReach"/>).</summary>
    public static bool IsMisspelling(string token, IReadOnlySet<string> vocabulary)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(vocabulary);
        return vocabulary.Any(known => SpellingCorrector.IsWithinReach(token, known));
    }

    private static HashSet<string> Vocabulary(IReadOnlyList<Passage> passages)
    {
        var vocabulary = new HashSet<string>(StringComparer.Ordinal);
        foreach (var passage in passages)
        {
            vocabulary.UnionWith(TextTerms.Tokens(passage.Chunk.Text).Select(t => t.Token));
            vocabulary.UnionWith(TextTerms.Tokens(passage.Article.Title).Select(t => t.Token));
        }

        return vocabulary;
    }
}
