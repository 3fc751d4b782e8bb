using System.Collections.Concurrent;
using ChatBot.Core.Chat;
using ChatBot.Core.Conversations;

namespace ChatBot.TestKit.Slack;

/// <summary>An in-memory <see cref="IConversationStore"/> for platform tests.</summary>
public sealed class InMemoryConversationStore : IConversationStore
{
    private readonly ConcurrentDictionary<string, List<ConversationTurn>> _threads = new(StringComparer.Ordinal);

    public Task AppendAsync(string library, string platform, string channelId, string threadId, ConversationTurn turn, CancellationToken cancellationToken)
    {
        var turns = _threads.GetOrAdd($"{library}|{platform}|{channelId}|{threadId}", _ => []);
        lock (turns)
        {
            turns.Add(turn);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ConversationTurn>> GetTurnsAsync(string library, string platform, string channelId, string threadId, int limit, CancellationToken cancellationToken)
    {
        if (!_threads.TryGetValue($"{library}|{platform}|{channelId}|{threadId}", out var turns))
        {
            return Task.FromResult<IReadOnlyList<ConversationTurn>>([]);
        }

        lock (turns)
        {
            return Task.FromResult<IReadOnlyList<ConversationTurn>>(turns.TakeLast(limit).ToList());
        }
    }
}
