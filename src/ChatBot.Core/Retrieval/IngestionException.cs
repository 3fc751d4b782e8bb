namespace ChatBot.Core.Retrieval;

/// <summary>A source that cannot be ingested: missing, unreadable, refused, too large, not an article.</summary>
public sealed class IngestionException : Exception
{
    public IngestionException()
    {
    }

    public IngestionException(string message)
        : base(message)
    {
    }

    public IngestionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
