using ChatBot.Core.Model;

namespace ChatBot.Core.Stats;

/// <summary>
/// One question as the question log keeps it: where it was asked, how it ended, how long the answer took, and (for
/// <c>Stats:RetentionDays</c>) its text, answer and citations. <see cref="UserId"/> is the platform's id: the log keeps
/// only a keyed hash of it.
/// </summary>
/// <param name="Outcome">One of <see cref="QuestionOutcomes"/>.</param>
/// <param name="AnswerMilliseconds">From the command handler's start to its reply (0 for a busy refusal).</param>
/// <param name="ModelFallback">Why the reply was quoted from the articles instead of written by the model (null: it was not).</param>
public sealed record QuestionRecord(
    string Library,
    string Platform,
    string UserId,
    string Outcome,
    long AnswerMilliseconds,
    string? ModelFallback,
    string Question,
    string Answer,
    IReadOnlyList<Citation> Citations,
    DateTimeOffset AskedAt);

/// <summary>How a question ended (the same words as the <c>outcome</c> tag of the <c>chatbot.requests</c> metric).</summary>
public static class QuestionOutcomes
{
    public const string Answered = "answered";
    public const string Abstained = "abstained";
    public const string Failed = "failed";
    public const string Busy = "busy";
}
