namespace ChatBot.Core.Model;

/// <summary>
/// The reply to a question. When <see cref="Abstained"/> is true the articles did not hold the answer
/// and <see cref="Citations"/> lists the closest articles instead of evidence. <see cref="Sentences"/> holds the quoted
/// sentences in the order shown, best first (plain text, without markup), when the answer is extractive.
/// </summary>
public sealed record Answer(
    string Text,
    IReadOnlyList<Citation> Citations,
    bool Abstained,
    double Confidence,
    string? Note = null,
    IReadOnlyList<string>? Sentences = null)
{
    /// <summary>
    /// Why this answer was quoted from the articles instead of written by the language model ("timeout after 30 s",
    /// "HTTP 429", "unchecked citations"); null when the model wrote it or none is configured. Kept in the question log.
    /// </summary>
    public string? ModelFallback { get; init; }
}
