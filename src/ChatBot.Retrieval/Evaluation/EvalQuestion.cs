using System.Text.Json.Serialization;

namespace ChatBot.Retrieval.Evaluation;

/// <summary>
/// One query or question: gold answers (QA) and the ids of the corpus documents that hold it. SQuAD v2.0's
/// <c>is_impossible: true</c>, an empty <c>answers</c> list and an explicit <c>answerable: false</c> mark a question the
/// articles cannot answer; answers are strings or SQuAD's <c>{"text": …}</c> objects (<see cref="AnswerTextsConverter"/>).
/// </summary>
public sealed record EvalQuestion(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("question")] string Question,
    [property: JsonPropertyName("answers"), JsonConverter(typeof(AnswerTextsConverter))] IReadOnlyList<string>? Answers,
    [property: JsonPropertyName("passage_ids")] IReadOnlyList<string>? PassageIds,
    [property: JsonPropertyName("article_id")] string? ArticleId = null,
    [property: JsonPropertyName("is_impossible")] bool? IsImpossible = null,
    [property: JsonPropertyName("answerable")] bool? AnswerableFlag = null)
{
    /// <summary>
    /// Answerable unless marked impossible or not answerable, unless its answer list is given and empty (SQuAD v2.0's
    /// unanswerable questions: no gold to find), and unless none of its passage ids is in the indexed corpus. A question
    /// without an answer list (a retrieval query) is answerable.
    /// </summary>
    public bool IsAnswerable(IReadOnlySet<string> corpusIds)
    {
        ArgumentNullException.ThrowIfNull(corpusIds);
        if (IsImpossible == true || AnswerableFlag == false || Answers is { Count: 0 })
        {
            return false;
        }

        return PassageIds is not { Count: > 0 } ids || ids.Any(corpusIds.Contains);
    }
}
