using System.ComponentModel.DataAnnotations;

namespace ChatBot.Retrieval.Llm;

/// <summary>The language model behind answers, summaries and digest overviews (configuration section <c>Llm</c>).</summary>
public sealed class LlmOptions
{
    public const string SectionName = "Llm";

    public const string OllamaDefaultEndpoint = "http://localhost:11434/v1";

    public LlmProvider Provider { get; set; } = LlmProvider.None;

    /// <summary>Base URL: an OpenAI-compatible server (".../v1"), the Azure OpenAI resource, or Ollama. Empty for api.openai.com.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The model id (OpenAI, Ollama) or deployment name (Azure OpenAI).</summary>
    public string? Model { get; set; }

    /// <summary>Never logged. Optional for Ollama and local OpenAI-compatible servers.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Budget of one model call (a streamed answer included); past it the answer is extractive.</summary>
    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Most tokens the model may write in one reply.</summary>
    [Range(16, 32768)]
    public int MaxTokens { get; set; } = 600;

    [Range(0.0, 2.0)]
    public double Temperature { get; set; } = 0.1;

    /// <summary>Model requests per UTC day; after that answers are extractive until midnight. 0 means no limit.</summary>
    [Range(0, 10_000_000)]
    public int DailyRequestBudget { get; set; }

    /// <summary>The model's context window in tokens (approximated as characters / 4); passages are trimmed to fit.</summary>
    [Range(512, 2_000_000)]
    public int ContextTokens { get; set; } = 8192;

    /// <summary>Where answer.txt, summarize.txt, digest-overview.txt and condense.txt live. Relative to the app folder.</summary>
    [Required]
    public string PromptsDirectory { get; set; } = Path.Combine("config", "prompts");

    /// <summary>
    /// Retries of a 429 or 5xx (honouring Retry-After) within the same <see cref="TimeoutSeconds"/> budget: a hint longer
    /// than what is left ends in the extractive answer. 0 falls back at once.
    /// </summary>
    [Range(0, 5)]
    public int MaxRetries { get; set; } = 1;

    /// <summary>Shortest pause between streamed partial updates to a chat message.</summary>
    [Range(0, 60_000)]
    public int StreamUpdateMilliseconds { get; set; } = 1000;

    public bool Enabled => Provider != LlmProvider.None;

    /// <summary>The prompts folder: <see cref="PromptsDirectory"/> when absolute, otherwise under AppContext.BaseDirectory.</summary>
    public string ResolvePromptsDirectory() =>
        Path.IsPathRooted(PromptsDirectory) ? PromptsDirectory : Path.Combine(AppContext.BaseDirectory, PromptsDirectory);

    /// <summary>The endpoint the connector calls, or null for the provider's default (api.openai.com).</summary>
    public Uri? ResolveEndpoint() => Provider switch
    {
        LlmProvider.Ollama => new Uri(string.IsNullOrWhiteSpace(Endpoint) ? OllamaDefaultEndpoint : Endpoint),
        _ when string.IsNullOrWhiteSpace(Endpoint) => null,
        _ => new Uri(Endpoint),
    };
}
