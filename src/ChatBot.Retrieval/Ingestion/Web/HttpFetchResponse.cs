using System.Net;

namespace ChatBot.Retrieval.Ingestion.Web;

/// <summary>A guarded GET's outcome: the final URL after redirects, the body (empty for 304) and the validators.</summary>
public sealed record HttpFetchResponse(
    Uri FinalUrl,
    HttpStatusCode Status,
    string? MediaType,
    string? Charset,
    byte[] Body,
    HttpValidators Validators)
{
    public bool NotModified => Status == HttpStatusCode.NotModified;
}
