using System.Text.Json.Serialization;

namespace ChatBot.Retrieval.Evaluation;

/// <summary>One corpus line: indexed as one article with source "eval:"+id.</summary>
public sealed record EvalDocument(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("text")] string Text);
