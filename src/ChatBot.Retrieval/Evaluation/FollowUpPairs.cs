using System.Text.RegularExpressions;

namespace ChatBot.Retrieval.Evaluation;

/// <summary>
/// Follow-up pairs built from a question set: when a question names its article's subject (the article id with '_'
/// as spaces, e.g. "1973 oil crisis") and the question before it is about the same article, the subject is replaced
/// by "it" ("What was the price of oil during it?"): answerable only with the conversation.
/// </summary>
public static class FollowUpPairs
{
    public static string? FollowUp(EvalQuestion previous, EvalQuestion question)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(question);
        if (question.ArticleId is not { Length: > 0 } article || previous.ArticleId != article)
        {
            return null;
        }

        var subject = Regex.Escape(article.Replace('_', ' ')).Replace(@"\ ", @"\s+", StringComparison.Ordinal);
        var pattern = @"\b(?:the\s+)?" + subject;
        var replaced = Regex.Replace(question.Question, pattern + @"(?:'s|’s)", "its", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
        replaced = Regex.Replace(replaced, pattern + @"\b", "it", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
        return string.Equals(replaced, question.Question, StringComparison.Ordinal) ? null : replaced;
    }
}
