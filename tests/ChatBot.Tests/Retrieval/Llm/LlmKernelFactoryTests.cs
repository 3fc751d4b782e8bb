using ChatBot.Retrieval.Llm;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.AzureOpenAI;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using Microsoft.SemanticKernel.Services;

namespace ChatBot.Tests.Retrieval.Llm;

public sealed class LlmKernelFactoryTests
{
    [Fact]
    public void Create_AzureOpenAI_BuildsAzureChatCompletionForTheDeployment()
    {
        using var http = new HttpClient();
        var kernel = LlmKernelFactory.Create(
            new LlmOptions { Provider = LlmProvider.AzureOpenAI, Endpoint = "https://example-resource.openai.azure.com/", Model = "gpt-4o-deploy", ApiKey = "k" },
            http);

        var chat = kernel.GetRequiredService<IChatCompletionService>();

        Assert.IsType<AzureOpenAIChatCompletionService>(chat);
        Assert.Equal("gpt-4o-deploy", chat.Attributes["DeploymentName"]);
    }

    [Fact]
    public void Create_OllamaWithoutEndpoint_BuildsOpenAIChatCompletionAtOllamaV1()
    {
        using var http = new HttpClient();
        var kernel = LlmKernelFactory.Create(new LlmOptions { Provider = LlmProvider.Ollama, Model = "llama3.2" }, http);

        var chat = kernel.GetRequiredService<IChatCompletionService>();

        Assert.IsType<OpenAIChatCompletionService>(chat);
        Assert.Equal("llama3.2", chat.GetModelId());
        Assert.Equal("http://localhost:11434/v1", chat.Attributes[AIServiceExtensions.EndpointKey]?.ToString()?.TrimEnd('/'));
    }

    [Fact]
    public void Create_OpenAIWithoutEndpoint_BuildsOpenAIChatCompletion()
    {
        using var http = new HttpClient();
        var kernel = LlmKernelFactory.Create(new LlmOptions { Provider = LlmProvider.OpenAI, Model = "gpt-4o-mini", ApiKey = "sk-test" }, http);

        var chat = kernel.GetRequiredService<IChatCompletionService>();

        Assert.IsType<OpenAIChatCompletionService>(chat);
        Assert.Equal("gpt-4o-mini", chat.GetModelId());
    }
}
