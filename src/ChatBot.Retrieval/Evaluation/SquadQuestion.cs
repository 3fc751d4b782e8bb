using System.Text.Json.Serialization;

namespace ChatBot.Retrieval.Evaluation;

/// <summary>A SQuAD question line as the benchmark reads it (the article it is about decides whether it is indexed).</summary>
public sealed record SquadQuestion(
    [property: JsonPropertyName("question")] string Question,
    [property: JsonPropertyName("article_id")] string? ArticleId);
