using ChatBot.Retrieval.Ingestion.Web;

namespace ChatBot.Retrieval.Storage.HttpCache;

/// <summary>
/// What a fetched URL (or a feed item's guid, keyed "feed-item:"+guid) became: the article's source, and the
/// ETag / Last-Modified it last answered with for a conditional GET. Lets a link or guid find its article even
/// when the article is stored under its canonical URL.
/// </summary>
public interface IHttpValidatorStore
{
    Task<(HttpValidators Validators, string Source)?> GetAsync(string key, CancellationToken cancellationToken);

    Task SetAsync(string key, HttpValidators validators, string source, CancellationToken cancellationToken);
}
