namespace ChatBot.Retrieval.Llm;

/// <summary>Which language model writes answers and summaries. None keeps the bot fully offline (extractive).</summary>
public enum LlmProvider
{
    None,

    /// <summary>OpenAI, or any OpenAI-compatible server (vLLM, llama.cpp, LM Studio) through <see cref="LlmOptions.Endpoint"/>.</summary>
    OpenAI,

    AzureOpenAI,

    /// <summary>Ollama through its OpenAI-compatible /v1 API (default endpoint http://localhost:11434/v1).</summary>
    Ollama,
}
