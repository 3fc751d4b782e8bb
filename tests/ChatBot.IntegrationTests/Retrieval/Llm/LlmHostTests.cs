using System.Text.Json;
using ChatBot.Core.Retrieval;
using ChatBot.IntegrationTests.Worker.Cli;
using ChatBot.Retrieval;
using ChatBot.Retrieval.Llm;
using ChatBot.TestKit.Llm;
using ChatBot.Worker.ConsolePlatform;
using ChatBot.Worker.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatBot.IntegrationTests.Retrieval.Llm;

public sealed class LlmHostTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public void Build_ProviderNone_ResolvesTheOfflineService()
    {
        using var host = ChatBotHost.Build(["--Storage:DataDirectory=" + _data.Path], runPlatforms: false, new ConsoleIo(TextReader.Null, TextWriter.Null), LogLevel.Warning);

        Assert.IsType<RetrievalService>(host.Services.GetRequiredService<IRetrievalService>());
        Assert.Null(host.Services.GetService<IStreamingRetrievalService>());
    }

    [Fact]
    public void Build_ProviderOpenAI_ResolvesTheLlmDecoratorAroundTheOfflineService()
    {
        using var host = ChatBotHost.Build(
            ["--Storage:DataDirectory=" + _data.Path, "--Llm:Provider=OpenAI", "--Llm:Endpoint=http://127.0.0.1:9/v1", "--Llm:Model=m"],
            runPlatforms: false,
            new ConsoleIo(TextReader.Null, TextWriter.Null),
            LogLevel.Warning);

        var service = Assert.IsType<LlmRetrievalService>(host.Services.GetRequiredService<IRetrievalService>());
        Assert.IsType<RetrievalService>(service.Inner);
        Assert.Same(service, host.Services.GetRequiredService<IStreamingRetrievalService>());
    }

    [Fact]
    public async Task Cli_OpenAIEndpointWithoutModel_FailsAtStartNamingLlmModel()
    {
        var (code, _, error) = await CliRunner.RunAsync(_data.Path, "ask", "anything", "--Llm:Provider=OpenAI", "--Llm:Endpoint=http://127.0.0.1:9/v1");

        Assert.NotEqual(0, code);
        Assert.Contains("Llm:Model", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cli_AskWithModel_AnswersFromTheSeedWithTheModelsCitedText()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Default = FakeChatBehaviour.Reply("LeCun said DeepSeek R1 shows that open models are catching up [1].");

        var (code, output, error) = await CliRunner.RunAsync(
            _data.Path, "ask", "What did Yann LeCun say about DeepSeek R1?", "--json",
            "--Llm:Provider=OpenAI", "--Llm:Endpoint=" + server.BaseUrl, "--Llm:Model=test-model");

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("LeCun said DeepSeek R1 shows that open models are catching up [1].", json.RootElement.GetProperty("answer").GetString());
        Assert.Equal("seed:000_7a399d46076fab90.txt", json.RootElement.GetProperty("citations")[0].GetProperty("source").GetString());
        var request = Assert.Single(server.Requests);
        Assert.Contains("<passage id=\"1\"", request.User, StringComparison.Ordinal);
        Assert.Contains("DeepSeek", request.User, StringComparison.Ordinal);
    }
}
