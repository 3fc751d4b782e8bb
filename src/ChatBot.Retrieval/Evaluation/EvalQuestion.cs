using System.Text.Json.Serialization;

namespace ChatBot.Retrieval.Evaluation;

/// <summary>
/// One query or question: gold answers (QA) and the ids of the corpus documents that hold it. SQuAD v2.0's
/// <c>is_impossible: true</c> and an explicit <c>answerable: false</c> mark a question the articles cannot answer.
/// </summary>
public sealed record EvalQuestion(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("question")] string Question,
    [property: JsonPropertyName("answers")] IReadOnlyList<string>? Answers,
    [property: JsonPropertyName("passage_ids")] IReadOnlyList<string>? PassageIds,
    [property: JsonPropertyName("article_id")] string? ArticleId = null,
    [property: JsonPropertyName("is_impossible")] bool? IsImpossible = null,
    [property: JsonPropertyName("answerable")] bool? AnswerableFlag = null)
{
    /// <summary>
    /// Answerable unless marked impossible or not answerable, unless SQuAD v2.0's <c>is_impossible</c> comes with an
    /// empty answer list, and unless none of its passage ids is in the indexed corpus.
    /// </summary>
    public bool IsAnswerable(IReadOnlySet<string> corpusIds)
    {
        ArgumentNullException.ThrowIfNull(corpusIds);
        if (IsImpossible == true || AnswerableFlag == false || (IsImpossible is not null && Answers is { Count: 0 }))
        {
            return false;
        }

        return PassageIds is not { Count: > 0 } ids || ids.Any(corpusIds.Contains);
    }
}
