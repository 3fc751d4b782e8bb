using ChatBot.Retrieval.Ingestion.Web;
using ChatBot.Retrieval.Storage;
using ChatBot.Retrieval.Storage.Articles;

namespace ChatBot.Retrieval.Ingestion.Web;

/// <summary>Fetches a web page and extracts its article (with the SSRF guard, size cap and timeouts).</summary>
public interface IWebArticleFetcher
{
    /// <exception cref="ChatBot.Core.Retrieval.IngestionException">Refused, unreachable, too large, not HTML, or no article.</exception>
    Task<ArticleDraft> FetchAsync(Uri url, CancellationToken cancellationToken);

    /// <summary>A conditional GET (when <paramref name="previous"/> is given) that also recognises feeds.</summary>
    /// <exception cref="ChatBot.Core.Retrieval.IngestionException">Refused, unreachable, too large, of an unsupported type, or no article.</exception>
    Task<WebFetchResult> FetchAsync(Uri url, HttpValidators? previous, CancellationToken cancellationToken);
}
