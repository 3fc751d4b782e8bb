using Microsoft.SemanticKernel;

namespace ChatBot.Retrieval.Llm;

/// <summary>Builds the Semantic Kernel for the configured provider, with one chat completion service.</summary>
public static class LlmKernelFactory
{
    /// <param name="httpClient">
    /// Our own client: with it Semantic Kernel turns off the OpenAI SDK's retries and network timeout, so the
    /// per-call budget (<see cref="LlmOptions.TimeoutSeconds"/>) decides and a 429 falls back at once.
    /// </param>
    public static Kernel Create(LlmOptions options, HttpClient httpClient)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = Kernel.CreateBuilder();
        var model = options.Model ?? throw new InvalidOperationException("Llm:Model is required.");
        switch (options.Provider)
        {
            case LlmProvider.AzureOpenAI:
                builder.AddAzureOpenAIChatCompletion(
                    deploymentName: model,
                    endpoint: options.Endpoint ?? throw new InvalidOperationException("Llm:Endpoint is required for AzureOpenAI."),
                    apiKey: options.ApiKey ?? throw new InvalidOperationException("Llm:ApiKey is required for AzureOpenAI."),
                    httpClient: httpClient);
                break;
            case LlmProvider.OpenAI:
            case LlmProvider.Ollama:
                // Ollama and local servers ignore the key, but the OpenAI SDK insists on one.
                var apiKey = string.IsNullOrWhiteSpace(options.ApiKey) ? "unused" : options.ApiKey;
                var endpoint = options.ResolveEndpoint();
                if (endpoint is null)
                {
                    builder.AddOpenAIChatCompletion(model, apiKey, httpClient: httpClient);
                }
                else
                {
                    builder.AddOpenAIChatCompletion(model, endpoint, apiKey, httpClient: httpClient);
                }

                break;
            default:
                throw new InvalidOperationException("Llm:Provider is None: there is no language model to build.");
        }

        return builder.Build();
    }
}
