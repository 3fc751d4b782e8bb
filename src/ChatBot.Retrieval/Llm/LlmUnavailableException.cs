namespace ChatBot.Retrieval.Llm;

/// <summary>The model could not be used for this request (timeout, 429, 5xx, malformed reply, budget used up).</summary>
public sealed class LlmUnavailableException : Exception
{
    public LlmUnavailableException()
    {
    }

    public LlmUnavailableException(string message)
        : base(message)
    {
    }

    public LlmUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>A short reason for logs: "timeout", "HTTP 429", "budget".</summary>
    public string Reason => Message;
}
