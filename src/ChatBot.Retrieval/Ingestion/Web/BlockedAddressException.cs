namespace ChatBot.Retrieval.Ingestion.Web;

/// <summary>Thrown inside the connect callback when a host resolves only to addresses the SSRF guard refuses.</summary>
public sealed class BlockedAddressException : IOException
{
    public BlockedAddressException()
    {
    }

    public BlockedAddressException(string message)
        : base(message)
    {
    }

    public BlockedAddressException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
