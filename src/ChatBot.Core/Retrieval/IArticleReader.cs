using ChatBot.Core.Model;

namespace ChatBot.Core.Retrieval;

/// <summary>Reading one text on its own: a question answered from one article only, a summary of a message's own text.</summary>
public interface IArticleReader
{
    /// <summary>Answers from <paramref name="article"/>'s passages only; abstains when it does not hold the answer.</summary>
    Task<Answer> AskArticleAsync(Article article, string question, CancellationToken cancellationToken);

    /// <summary>The sentences of an extractive summary of <paramref name="text"/>, in reading order.</summary>
    IReadOnlyList<string> SummarizeText(string text, SummaryLength length);
}
