using ChatBot.Core.Chat;

namespace ChatBot.Retrieval.Answers.Llm;

/// <summary>Passages from the offline retrieval service's hybrid search.</summary>
public sealed class RetrievalServicePassages(RetrievalService retrieval) : IPassageRetriever
{
    public Task<(IReadOnlyList<Passage> Passages, TermWeights Weights)> RetrievePassagesAsync(
        string library, string question, IReadOnlyList<ConversationTurn>? history, int count, CancellationToken cancellationToken) =>
        retrieval.RetrievePassagesAsync(library, question, history, count, cancellationToken);
}
