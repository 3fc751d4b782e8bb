using ChatBot.Core.Chat;

namespace ChatBot.Core.Conversations;

/// <summary>
/// The turns of conversation threads the bot takes part in (a Slack thread, a DM), so a follow-up question
/// can be answered with the thread's earlier turns as context. Every thread belongs to the library of the place it is
/// in: a thread is found only within that library, so a channel or thread id seen in two libraries never shares turns.
/// </summary>
public interface IConversationStore
{
    /// <summary>Longest turn text kept by every store; longer answers are cut (the start carries the topic).</summary>
    const int MaxTurnLength = 4000;

    /// <summary>Appends one turn to a thread of <paramref name="library"/>.</summary>
    Task AppendAsync(string library, string platform, string channelId, string threadId, ConversationTurn turn, CancellationToken cancellationToken);

    /// <summary>The latest <paramref name="limit"/> turns of a thread of <paramref name="library"/>, oldest first; empty when the bot never spoke there.</summary>
    Task<IReadOnlyList<ConversationTurn>> GetTurnsAsync(string library, string platform, string channelId, string threadId, int limit, CancellationToken cancellationToken);
}
