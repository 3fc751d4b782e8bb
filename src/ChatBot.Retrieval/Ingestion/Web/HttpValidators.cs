namespace ChatBot.Retrieval.Ingestion.Web;

/// <summary>What a server said about a response, for a later conditional GET (If-None-Match / If-Modified-Since).</summary>
public sealed record HttpValidators(string? ETag, DateTimeOffset? LastModified)
{
    public bool IsEmpty => ETag is null && LastModified is null;
}
