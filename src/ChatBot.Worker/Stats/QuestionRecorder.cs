using System.Data.Common;
using System.Globalization;
using ChatBot.Core.Chat;
using ChatBot.Core.Stats;
using ChatBot.Core.Telemetry;
using ChatBot.Worker.Logging;
using Microsoft.Extensions.Logging;

namespace ChatBot.Worker.Stats;

/// <summary>
/// Keeps each question (/ask, "Ask about this article") in the <see cref="IQuestionLog"/> once it is answered,
/// abstained on or failed, and gives the answer's 👍/👎 buttons the question's id ("feedback:up:42") so a vote finds it.
/// A question the log cannot store still gets its answer (the buttons then only thank).
/// </summary>
public sealed class QuestionRecorder(IQuestionLog log, TimeProvider timeProvider, ILogger<QuestionRecorder> logger)
{
    public static bool IsQuestion(ChatCommand command) => command is ChatCommand.Ask or ChatCommand.AskArticle;

    /// <summary>Records the question of <paramref name="request"/> (run in <paramref name="library"/>) and returns the reply to post.</summary>
    public async Task<ChatReply> RecordAsync(ChatRequest request, string library, ChatReply reply, TimeSpan elapsed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(reply);
        var outcome = ChatTelemetry.Outcome(reply);
        if (!IsQuestion(request.Command) || outcome is not (QuestionOutcomes.Answered or QuestionOutcomes.Abstained or QuestionOutcomes.Failed))
        {
            return reply;
        }

        var question = new QuestionRecord(
            library, request.Platform, request.UserId, outcome, (long)elapsed.TotalMilliseconds, reply.ModelFallback,
            request.Argument.Trim(), reply.Text, reply.Citations, timeProvider.GetUtcNow() - elapsed);
        long id;
        try
        {
            id = await log.RecordAsync(question, cancellationToken);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or TimeoutException)
        {
            WorkerLog.QuestionNotRecorded(logger, ex, request.CorrelationId);
            return reply;
        }

        var suffix = ":" + id.ToString(CultureInfo.InvariantCulture);
        return reply with
        {
            Actions = reply.Actions.Select(a => a.Id.StartsWith(FeedbackVotes.Prefix, StringComparison.Ordinal) ? a with { Id = a.Id + suffix } : a).ToList(),
        };
    }
}
