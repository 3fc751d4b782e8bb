using ChatBot.Retrieval.Storage;

namespace ChatBot.Retrieval.Ingestion;

/// <summary>Fetches a web page and extracts its article (with the SSRF guard, size cap and timeouts).</summary>
public interface IWebArticleFetcher
{
    /// <exception cref="ChatBot.Core.Retrieval.IngestionException">Refused, unreachable, too large, not HTML, or no article.</exception>
    Task<ArticleDraft> FetchAsync(Uri url, CancellationToken cancellationToken);
}
