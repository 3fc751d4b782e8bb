using ChatBot.Retrieval.Ingestion.Web;

namespace ChatBot.Retrieval.Storage;

/// <summary>The ETag / Last-Modified a URL last answered with, and the article it became, for conditional GETs.</summary>
public interface IHttpValidatorStore
{
    Task<(HttpValidators Validators, string Source)?> GetAsync(Uri url, CancellationToken cancellationToken);

    Task SetAsync(Uri url, HttpValidators validators, string source, CancellationToken cancellationToken);
}
