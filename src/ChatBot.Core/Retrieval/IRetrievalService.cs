using ChatBot.Core.Chat;
using ChatBot.Core.Model;

namespace ChatBot.Core.Retrieval;

/// <summary>
/// The bot's knowledge: ingest, search, answer, summarise. Platform-neutral. Every call works inside one library
/// (<see cref="ChatRequest.Library"/>): nothing of another library is read, found, changed or removed.
/// </summary>
public interface IRetrievalService
{
    /// <summary>Answers from the indexed articles; abstains (a result, not an exception) when they do not hold it.</summary>
    /// <param name="history">Earlier turns of the conversation, oldest first, used to resolve follow-ups.</param>
    Task<Answer> AskAsync(string library, string question, IReadOnlyList<ConversationTurn>? history, CancellationToken cancellationToken);

    Task<IReadOnlyList<SearchHit>> SearchAsync(string library, string query, int limit, CancellationToken cancellationToken);

    /// <summary>Summarises an article named by id, title or source, or a URL (ingested first). Null when none matches.</summary>
    Task<Summary?> SummarizeAsync(string library, string reference, SummaryLength length, CancellationToken cancellationToken);

    /// <summary>Ingests a file, a folder (recursively) or a URL. One bad item never stops the rest.</summary>
    Task<IReadOnlyList<IngestResult>> IngestAsync(string library, string pathOrUrl, CancellationToken cancellationToken);

    Task<IReadOnlyList<Article>> ListArticlesAsync(string library, CancellationToken cancellationToken);

    /// <summary>Finds an article by id, exact source, or title (case-insensitive, then prefix/contains).</summary>
    Task<Article?> FindArticleAsync(string library, string reference, CancellationToken cancellationToken);

    /// <summary>Removes the article and its passages; false when none matches.</summary>
    Task<Article?> ForgetAsync(string library, string reference, CancellationToken cancellationToken);
}
