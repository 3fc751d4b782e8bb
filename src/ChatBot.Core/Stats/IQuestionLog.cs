namespace ChatBot.Core.Stats;

/// <summary>
/// The questions asked and the 👍/👎 votes on their answers, kept for <c>Stats:RetentionDays</c> (docs/operations.md).
/// </summary>
public interface IQuestionLog
{
    /// <summary>Stores a question; returns its id (the answer's feedback buttons carry it).</summary>
    Task<long> RecordAsync(QuestionRecord question, CancellationToken cancellationToken);

    /// <summary>
    /// Records <paramref name="userId"/>'s vote (+1 👍, -1 👎) on the answer to question <paramref name="questionId"/>:
    /// one vote per user per answer, a second one replaces the first. False when the question is not (or no longer) kept.
    /// </summary>
    Task<bool> VoteAsync(long questionId, string platform, string userId, int vote, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Deletes the questions (with their texts and votes) asked before <paramref name="cutoff"/>; returns how many.</summary>
    Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}
