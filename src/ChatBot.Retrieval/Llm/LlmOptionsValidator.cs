using Microsoft.Extensions.Options;

namespace ChatBot.Retrieval.Llm;

/// <summary>
/// Fails start-up with a message naming the key (<c>Llm:Model</c>) when the provider cannot work as configured,
/// and checks every prompt template in <see cref="LlmOptions.PromptsDirectory"/>.
/// </summary>
public sealed class LlmOptionsValidator : IValidateOptions<LlmOptions>
{
    public ValidateOptionsResult Validate(string? name, LlmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        var provider = options.Provider;
        if (string.IsNullOrWhiteSpace(options.Model))
        {
            failures.Add(provider == LlmProvider.AzureOpenAI
                ? "Llm:Model (the Azure OpenAI deployment name) is required when Llm:Provider is AzureOpenAI."
                : $"Llm:Model is required when Llm:Provider is {provider}.");
        }

        if (!string.IsNullOrWhiteSpace(options.Endpoint)
            && (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https")))
        {
            failures.Add($"Llm:Endpoint must be an absolute http(s) URL (got '{options.Endpoint}').");
        }

        switch (provider)
        {
            case LlmProvider.OpenAI when string.IsNullOrWhiteSpace(options.Endpoint) && string.IsNullOrWhiteSpace(options.ApiKey):
                failures.Add("Llm:ApiKey is required when Llm:Provider is OpenAI without Llm:Endpoint.");
                break;
            case LlmProvider.AzureOpenAI when string.IsNullOrWhiteSpace(options.Endpoint):
                failures.Add("Llm:Endpoint (https://<resource>.openai.azure.com/) is required when Llm:Provider is AzureOpenAI.");
                break;
            case LlmProvider.AzureOpenAI when string.IsNullOrWhiteSpace(options.ApiKey):
                failures.Add("Llm:ApiKey is required when Llm:Provider is AzureOpenAI.");
                break;
        }

        if (options.MaxTokens * 2 > options.ContextTokens)
        {
            failures.Add($"Llm:MaxTokens ({options.MaxTokens}) must be at most half of Llm:ContextTokens ({options.ContextTokens}).");
        }

        failures.AddRange(PromptLibrary.Check(options.ResolvePromptsDirectory()));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
