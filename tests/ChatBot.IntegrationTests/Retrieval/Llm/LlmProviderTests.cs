using ChatBot.TestKit.Llm;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.AzureOpenAI;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace ChatBot.IntegrationTests.Retrieval.Llm;

public sealed class LlmProviderTests
{
    [Fact]
    public async Task AskAsync_AzureOpenAI_CallsTheDeploymentPathWithApiKey()
    {
        await using var h = await LlmHarness.StartAsync(configure: server => new Dictionary<string, string?>
        {
            ["Llm:Provider"] = "AzureOpenAI",
            ["Llm:Endpoint"] = server.Root.ToString(),
            ["Llm:Model"] = "my-deployment",
            ["Llm:ApiKey"] = "azure-key",
        });
        h.UseEnergyPassages();
        h.Server.Default = FakeChatBehaviour.Reply("Eight gigawatts [1].");

        var answer = await h.Service.AskAsync("local", LlmHarness.EnergyQuestion, null, CancellationToken.None);

        Assert.IsType<AzureOpenAIChatCompletionService>(h.Services.GetRequiredService<Kernel>().GetRequiredService<IChatCompletionService>());
        var request = Assert.Single(h.Server.Requests);
        Assert.StartsWith("/openai/deployments/my-deployment/chat/completions?api-version=", request.Path, StringComparison.Ordinal);
        Assert.Equal("azure-key", request.ApiKey);
        Assert.Equal("Eight gigawatts [1].", answer.Text);
    }

    [Fact]
    public async Task AskAsync_Ollama_CallsOpenAICompatibleV1WithTheModel()
    {
        await using var h = await LlmHarness.StartAsync(configure: server => new Dictionary<string, string?>
        {
            ["Llm:Provider"] = "Ollama",
            ["Llm:Endpoint"] = server.BaseUrl.ToString(),
            ["Llm:Model"] = "llama3.2",
            ["Llm:ApiKey"] = null,
        });
        h.UseEnergyPassages();
        h.Server.Default = FakeChatBehaviour.Reply("Eight gigawatts [1].");

        var answer = await h.Service.AskAsync("local", LlmHarness.EnergyQuestion, null, CancellationToken.None);

        Assert.IsType<OpenAIChatCompletionService>(h.Services.GetRequiredService<Kernel>().GetRequiredService<IChatCompletionService>());
        var request = Assert.Single(h.Server.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.Equal("llama3.2", request.Model);
        Assert.Equal("Eight gigawatts [1].", answer.Text);
    }
}
