namespace ChatBot.TestKit.Llm;

/// <summary>A chat completion request the fake server received.</summary>
/// <param name="Path">Request path and query, e.g. "/v1/chat/completions" or "/openai/deployments/d/chat/completions?api-version=…".</param>
/// <param name="Authorization">The Authorization header (OpenAI) or api-key header (Azure), when sent.</param>
public sealed record RecordedChatRequest(
    string Path,
    string? Model,
    bool Stream,
    IReadOnlyList<RecordedChatMessage> Messages,
    string Body,
    string? Authorization,
    string? ApiKey)
{
    public string? System => Messages.FirstOrDefault(m => m.Role == "system")?.Content;

    public string? User => Messages.LastOrDefault(m => m.Role == "user")?.Content;
}

public sealed record RecordedChatMessage(string Role, string Content);
