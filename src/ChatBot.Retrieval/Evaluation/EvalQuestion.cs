using System.Text.Json.Serialization;

namespace ChatBot.Retrieval.Evaluation;

/// <summary>One query or question: gold answers (QA) and the ids of the corpus documents that hold it.</summary>
public sealed record EvalQuestion(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("question")] string Question,
    [property: JsonPropertyName("answers")] IReadOnlyList<string>? Answers,
    [property: JsonPropertyName("passage_ids")] IReadOnlyList<string>? PassageIds);
