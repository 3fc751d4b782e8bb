using ChatBot.Core.Chat;

namespace ChatBot.Retrieval.Answers.Llm;

/// <summary>The numbered passages and term weights an answer is written from (the offline <see cref="RetrievalService"/>).</summary>
public interface IPassageRetriever
{
    Task<(IReadOnlyList<Passage> Passages, TermWeights Weights)> RetrievePassagesAsync(
        string library, string question, IReadOnlyList<ConversationTurn>? history, int count, CancellationToken cancellationToken);
}
