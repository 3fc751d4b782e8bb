using ChatBot.Core.Chat;

namespace ChatBot.Core.Conversations;

/// <summary>
/// The turns of conversation threads the bot takes part in (a Slack thread, a DM), so a follow-up question
/// can be answered with the thread's earlier turns as context.
/// </summary>
public interface IConversationStore
{
    /// <summary>Longest turn text kept by every store; longer answers are cut (the start carries the topic).</summary>
    const int MaxTurnLength = 4000;

    /// <summary>Appends one turn to a thread.</summary>
    Task AppendAsync(string platform, string channelId, string threadId, ConversationTurn turn, CancellationToken cancellationToken);

    /// <summary>The latest <paramref name="limit"/> turns of a thread, oldest first; empty when the bot never spoke there.</summary>
    Task<IReadOnlyList<ConversationTurn>> GetTurnsAsync(string platform, string channelId, string threadId, int limit, CancellationToken cancellationToken);
}
