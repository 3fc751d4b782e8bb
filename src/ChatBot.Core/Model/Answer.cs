namespace ChatBot.Core.Model;

/// <summary>
/// The reply to a question. When <see cref="Abstained"/> is true the articles did not hold the answer
/// and <see cref="Citations"/> lists the closest articles instead of evidence.
/// </summary>
public sealed record Answer(
    string Text,
    IReadOnlyList<Citation> Citations,
    bool Abstained,
    double Confidence,
    string? Note = null);
