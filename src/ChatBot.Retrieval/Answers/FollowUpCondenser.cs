using ChatBot.Core.Chat;
using ChatBot.Retrieval.Text;

namespace ChatBot.Retrieval.Answers;

/// <summary>
/// Extractive follow-up condensing (no model): a question that leans on the conversation ("Why does he think that
/// matters?", "When did she do it?": a pronoun or almost no content words) is searched and scored together with the
/// names of the previous answer's first sentence (those the previous question did not already name), so its entities
/// carry over.
/// A question that stands alone is left as it is, even inside a thread.
/// </summary>
public static class FollowUpCondenser
{
    private const int MaxNames = 6;

    private static readonly HashSet<string> Anaphors = new(StringComparer.Ordinal)
    {
        "he", "she", "it", "they", "him", "her", "his", "hers", "its", "their", "theirs", "them", "that", "this", "these",
        "those", "there", "then", "it's", "one",
    };

    /// <summary>
    /// The follow-up with the names it refers to, but not the previous question, whose words pulled retrieval and the
    /// answer ranking back to the previous answer's sentence (docs/retrieval.md, follow-up pairs).
    /// </summary>
    public static string Condense(string question, IReadOnlyList<ConversationTurn>? history)
    {
        ArgumentNullException.ThrowIfNull(question);
        var previous = history?.LastOrDefault(t => t.Role == ConversationRole.User && !string.Equals(t.Text.Trim(), question.Trim(), StringComparison.Ordinal));
        if (previous is null || !IsFollowUp(question))
        {
            return question;
        }

        var previousQuestion = ChatNoise.Clean(previous.Text);
        var lastAnswer = history!.LastOrDefault(t => t.Role == ConversationRole.Bot && t.At >= previous.At);
        var names = lastAnswer is null ? [] : Names(FirstSentence(lastAnswer.Text))
            .Where(n => !previousQuestion.Contains(n, StringComparison.OrdinalIgnoreCase))
            .Take(MaxNames);
        return string.Join(' ', names.Append(question));
    }

    public static bool IsFollowUp(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var tokens = TextTerms.Tokens(question).Select(t => t.Token).ToList();
        return tokens.Any(Anaphors.Contains) || tokens.Count(t => !TextTerms.IsStopWord(t)) <= 1;
    }

    private static string FirstSentence(string answer)
    {
        if (answer.StartsWith(ExtractiveAnswerer.NotFound, StringComparison.Ordinal))
        {
            return string.Empty;
        }

        var end = answer.IndexOf("” [", StringComparison.Ordinal);
        return (end > 0 ? answer[..end] : answer).Replace("**", string.Empty, StringComparison.Ordinal);
    }

    /// <summary>Capitalised words that do not start a sentence: the names an answer is about.</summary>
    private static IEnumerable<string> Names(string text)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var sentenceStart = true;
        foreach (var (_, start, length) in TextTerms.Tokens(text))
        {
            var word = text.Substring(start, length);
            var before = start > 0 ? text[..start].TrimEnd() : string.Empty;
            sentenceStart = before.Length == 0 || before[^1] is '.' or '!' or '?' or '“' or '"';
            if (!sentenceStart && char.IsUpper(word[0]) && !TextTerms.IsStopWord(word.ToLowerInvariant()) && seen.Add(word))
            {
                yield return word;
            }
        }
    }
}
