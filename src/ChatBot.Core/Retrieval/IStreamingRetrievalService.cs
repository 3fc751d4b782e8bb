using ChatBot.Core.Chat;
using ChatBot.Core.Model;

namespace ChatBot.Core.Retrieval;

/// <summary>
/// Answers while the text is being written, for platforms that edit a message as it grows. Registered only when a
/// language model is configured; otherwise adapters call <see cref="IRetrievalService.AskAsync"/>.
/// </summary>
public interface IStreamingRetrievalService
{
    /// <summary>
    /// Calls <paramref name="onPartial"/> with the growing (unchecked) answer text, at most once per second, then
    /// returns the final checked answer, which replaces the partial text. Falls back like AskAsync: never silent.
    /// </summary>
    Task<Answer> AskStreamingAsync(
        string library,
        string question,
        IReadOnlyList<ConversationTurn>? history,
        Func<string, CancellationToken, Task> onPartial,
        CancellationToken cancellationToken);
}
