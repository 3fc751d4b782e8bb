using ChatBot.Retrieval.Llm;

namespace ChatBot.Tests.Retrieval.Llm;

public sealed class LlmOptionsValidatorTests : IDisposable
{
    private readonly string _prompts = Path.Combine(Path.GetTempPath(), "chatbot-prompts-" + Guid.NewGuid().ToString("N")[..8]);

    public LlmOptionsValidatorTests()
    {
        Directory.CreateDirectory(_prompts);
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "config", "prompts")))
        {
            File.Copy(file, Path.Combine(_prompts, Path.GetFileName(file)));
        }
    }

    public void Dispose() => Directory.Delete(_prompts, recursive: true);

    [Fact]
    public void Validate_ProviderNone_Succeeds()
    {
        var result = new LlmOptionsValidator().Validate(null, new LlmOptions { PromptsDirectory = "/nowhere" });

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Validate_ShippedPrompts_Succeeds()
    {
        var result = new LlmOptionsValidator().Validate(null, new LlmOptions { Provider = LlmProvider.Ollama, Model = "llama3.2" });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_OpenAIWithEndpointButNoModel_FailsNamingLlmModel()
    {
        var result = new LlmOptionsValidator().Validate(null, Options(LlmProvider.OpenAI, "http://127.0.0.1:8000/v1", model: null));

        Assert.True(result.Failed);
        Assert.Contains("Llm:Model", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AzureWithoutEndpoint_FailsNamingLlmEndpoint()
    {
        var result = new LlmOptionsValidator().Validate(null, Options(LlmProvider.AzureOpenAI, endpoint: null, model: "gpt-4o", apiKey: "k"));

        Assert.True(result.Failed);
        Assert.Contains("Llm:Endpoint", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_OpenAIWithoutEndpointOrKey_FailsNamingLlmApiKey()
    {
        var result = new LlmOptionsValidator().Validate(null, Options(LlmProvider.OpenAI, endpoint: null, model: "gpt-4o-mini"));

        Assert.Contains("Llm:ApiKey", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingPrompt_FailsNamingTheFile()
    {
        File.Delete(Path.Combine(_prompts, "condense.txt"));

        var result = new LlmOptionsValidator().Validate(null, Options(LlmProvider.OpenAI, "http://127.0.0.1:8000/v1", "m"));

        Assert.True(result.Failed);
        Assert.Contains("Llm:PromptsDirectory", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("condense.txt", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SystemMessageWithVariable_FailsAsNotConstant()
    {
        File.WriteAllText(
            Path.Combine(_prompts, "answer.txt"),
            "<message role=\"system\">Answer {{$question}}</message>\n<message role=\"user\">{{$passages}} {{$question}}</message>");

        var result = new LlmOptionsValidator().Validate(null, Options(LlmProvider.OpenAI, "http://127.0.0.1:8000/v1", "m"));

        Assert.Contains("answer.txt", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("constant", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TemplateWithoutRequiredVariable_Fails()
    {
        File.WriteAllText(Path.Combine(_prompts, "answer.txt"), "<message role=\"system\">Be nice.</message>\n<message role=\"user\">{{$question}}</message>");

        var result = new LlmOptionsValidator().Validate(null, Options(LlmProvider.OpenAI, "http://127.0.0.1:8000/v1", "m"));

        Assert.Contains("{{$passages}}", result.FailureMessage, StringComparison.Ordinal);
    }

    private LlmOptions Options(LlmProvider provider, string? endpoint, string? model, string? apiKey = null) =>
        new() { Provider = provider, Endpoint = endpoint, Model = model, ApiKey = apiKey, PromptsDirectory = _prompts };
}
