using ChatBot.Core.Chat;
using ChatBot.Retrieval.Answers.Scoring;
using ChatBot.Retrieval.Search;
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

    /// <summary>
    /// The share of its idf a topic word carried from the conversation counts for when a follow-up's sentences are
    /// scored. Chosen on the train part's 543 SQuAD follow-up pairs by <see cref="Evaluation.ContextWeightRule"/>
    /// (<c>eval qa --split train --follow-ups --context-weights 0,0.1,0.25,0.5,0.75,1</c>; docs/retrieval.md).
    /// </summary>
    public const double ContextWeight = 0.25;

    private static readonly HashSet<string> Anaphors = new(StringComparer.Ordinal)
    {
        "he", "she", "it", "they", "him", "her", "his", "hers", "its", "their", "theirs", "them", "that", "this", "these",
        "those", "there", "then", "it's", "one",
    };

    /// <summary>
    /// The follow-up with the names it refers to, but not the previous question, whose words pulled retrieval and the
    /// answer ranking back to the previous answer's sentence (docs/retrieval.md, follow-up pairs).
    /// </summary>
    public static string Condense(string question, IReadOnlyList<ConversationTurn>? history) => Split(question, history).Query;

    /// <summary>
    /// The follow-up, the names it carries from the conversation (none for a question that stands alone) and the
    /// sentence the previous answer quoted first. The names find the passages; the follow-up's own words decide which
    /// sentence answers it (<see cref="CondensedQuestion.Scored"/>).
    /// </summary>
    public static CondensedQuestion Split(string question, IReadOnlyList<ConversationTurn>? history)
    {
        ArgumentNullException.ThrowIfNull(question);
        var previous = history?.LastOrDefault(t => t.Role == ConversationRole.User && !string.Equals(t.Text.Trim(), question.Trim(), StringComparison.Ordinal));
        if (previous is null || !IsFollowUp(question))
        {
            return new CondensedQuestion(question, [], null);
        }

        var previousQuestion = ChatNoise.Clean(previous.Text);
        var lastAnswer = history!.LastOrDefault(t => t.Role == ConversationRole.Bot && t.At >= previous.At);
        var answered = lastAnswer is null ? string.Empty : FirstSentence(lastAnswer.Text);
        var names = Names(answered)
            .Where(n => !previousQuestion.Contains(n, StringComparison.OrdinalIgnoreCase))
            .Take(MaxNames)
            .ToList();
        return new CondensedQuestion(question, names, answered.Length > 0 ? answered : null);
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

/// <summary>A question, the names it carries from the conversation and the sentence the previous answer quoted first.</summary>
public sealed record CondensedQuestion(string Question, IReadOnlyList<string> Context, string? Answered)
{
    /// <summary>
    /// Whether the question asks for a fact of a kind (<see cref="AnswerType"/>: a quantity, date, person or place), which
    /// the previous answer's sentence need not hold; an open follow-up ("Why does he think that matters?") is about
    /// that sentence and is scored with the carried names as before.
    /// </summary>
    public bool AsksForAFact => AnswerType.Of(Question) is AnswerKind.Quantity or AnswerKind.Date or AnswerKind.Person or AnswerKind.Place;

    /// <summary>What retrieval searches: the carried names, then the question.</summary>
    public string Query => Context.Count == 0 ? Question : string.Join(' ', Context.Append(Question));

    /// <summary>
    /// What a follow-up's sentences are scored for: the topic (the best passage's article title) without the words of
    /// the previous answer's sentence, then the follow-up. The carried names are left out: they are in that sentence,
    /// and counted as question terms they made it win again whatever the follow-up asked.
    /// </summary>
    public string Scored(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        var answered = TextTerms.Tokens(Answered ?? string.Empty).Select(t => TextTerms.Stem(t.Token)).ToHashSet(StringComparer.Ordinal);
        var words = TextTerms.Tokens(topic).Where(t => !answered.Contains(TextTerms.Stem(t.Token))).Select(t => topic.Substring(t.Start, t.Length));
        return string.Join(' ', words.Append(Question));
    }

    /// <summary>
    /// The term weights a follow-up's sentences are scored with (<paramref name="weights"/> are those of
    /// <see cref="Scored"/>): the follow-up's own words count fully, the topic words it carries
    /// <paramref name="contextWeight"/> of their idf (<see cref="FollowUpCondenser.ContextWeight"/>), so the topic
    /// finds the article's sentences without outweighing what the follow-up asks.
    /// </summary>
    public TermWeights Weigh(TermWeights weights, double contextWeight)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var own = HybridSearcher.QueryTerms(Question).Select(TextTerms.Stem).ToHashSet(StringComparer.Ordinal);
        var scaled = weights.ByStem.ToDictionary(w => w.Key, w => own.Contains(w.Key) ? w.Value : w.Value * contextWeight, StringComparer.Ordinal);
        return new TermWeights(scaled, weights.Unseen);
    }
}
