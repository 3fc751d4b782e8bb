using ChatBot.Retrieval.Answers;

namespace ChatBot.Retrieval.Evaluation;

/// <summary>
/// Off-topic versions of an answerable question (training and <c>eval qa --off-topic</c>): the question answered from
/// the best passages of other articles, its own article as if it were not indexed. These must abstain.
/// </summary>
public static class OffTopic
{
    /// <summary>How many more passages than an answer uses are retrieved, so enough of other articles remain.</summary>
    public const int ExtraPassages = 10;

    /// <summary>The first <paramref name="count"/> passages that are neither a gold passage nor of the question's article.</summary>
    public static IReadOnlyList<Passage> OtherArticles(IReadOnlyList<Passage> passages, EvalQuestion question, int count)
    {
        ArgumentNullException.ThrowIfNull(passages);
        ArgumentNullException.ThrowIfNull(question);
        var own = EvaluationRunner.SourcePrefix + (question.ArticleId ?? string.Empty) + "#";
        var gold = question.PassageIds?.Select(id => EvaluationRunner.SourcePrefix + id).ToHashSet(StringComparer.Ordinal) ?? [];
        return [.. passages.Where(p => !gold.Contains(p.Article.Source) && (question.ArticleId is null || !p.Article.Source.StartsWith(own, StringComparison.Ordinal))).Take(count)];
    }
}
