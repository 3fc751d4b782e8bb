using System.Data.Common;
using System.Globalization;

namespace ChatBot.Core.Stats;

/// <summary>
/// The 👍/👎 buttons under answers, the same on every platform: their ids ("feedback:up:42", 42 being the question's id
/// in the <see cref="IQuestionLog"/>) and what a click does (one vote per user per answer, changeable) and says.
/// </summary>
public sealed class FeedbackVotes(IQuestionLog? log, TimeProvider timeProvider)
{
    public const string Prefix = "feedback:";
    public const string Thanks = "Thanks for the feedback!";
    public const string NotRecorded = "Sorry, your vote could not be recorded just now. Please try again in a minute.";
    public const string Gone = "Thanks! That answer is no longer kept, so the vote was not recorded.";

    public static bool IsFeedback(string? actionId) => actionId is not null && actionId.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>
    /// Records the click of <paramref name="actionId"/> by <paramref name="userId"/>; returns the text to show them.
    /// An old button without a question id, or a question past retention, is thanked without a vote.
    /// </summary>
    public async Task<string> VoteAsync(string platform, string userId, string actionId, CancellationToken cancellationToken)
    {
        if (Parse(actionId) is not var (vote, questionId))
        {
            return "That button no longer works.";
        }

        if (log is null || questionId is not { } id)
        {
            return Thanks;
        }

        try
        {
            return await log.VoteAsync(id, platform, userId, vote, timeProvider.GetUtcNow(), cancellationToken)
                ? Thanks + (vote > 0 ? " (👍)" : " (👎)")
                : Gone;
        }
        catch (Exception ex) when (ex is DbException or TimeoutException or InvalidOperationException)
        {
            return NotRecorded;
        }
    }

    /// <summary>"feedback:up:42" is (+1, 42); "feedback:down" is (-1, null); anything else is null.</summary>
    public static (int Vote, long? QuestionId)? Parse(string? actionId)
    {
        if (!IsFeedback(actionId))
        {
            return null;
        }

        var parts = actionId![Prefix.Length..].Split(':');
        int? vote = parts[0] switch { "up" => 1, "down" => -1, _ => null };
        if (vote is null || parts.Length > 2)
        {
            return null;
        }

        if (parts.Length == 1)
        {
            return (vote.Value, null);
        }

        return long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? (vote.Value, id) : null;
    }
}
