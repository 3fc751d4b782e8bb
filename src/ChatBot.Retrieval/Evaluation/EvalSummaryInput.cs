using System.Text.Json.Serialization;

namespace ChatBot.Retrieval.Evaluation;

/// <summary>A text to summarise with one or more reference summaries; the data set's own sentence split, when given, defines the Lead baselines.</summary>
public sealed record EvalSummaryInput(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("reference_summaries")] IReadOnlyList<string>? ReferenceSummaries,
    [property: JsonPropertyName("reference_summary")] string? ReferenceSummary,
    [property: JsonPropertyName("source_sentences")] IReadOnlyList<string>? SourceSentences = null)
{
    public IReadOnlyList<string> References =>
        ReferenceSummaries is { Count: > 0 } many ? many : ReferenceSummary is { Length: > 0 } one ? [one] : [];
}
