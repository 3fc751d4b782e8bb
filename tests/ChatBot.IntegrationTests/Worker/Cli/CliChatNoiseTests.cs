using ChatBot.IntegrationTests.Retrieval.Answers;

namespace ChatBot.IntegrationTests.Worker.Cli;

/// <summary>A question pasted from chat into `ask` keeps its chat noise: "@everyone" is a mention, not a response file.</summary>
public sealed class CliChatNoiseTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Ask_QuestionStartingWithAtEveryone_IsAnsweredWithoutTheMention()
    {
        var seeds = Path.Combine(_root.Path, "seeds");
        Directory.CreateDirectory(seeds);
        File.Copy(AnswerTableFixture.SeedArticle(), Path.Combine(seeds, "000_seed.txt"));

        var (code, output, error) = await CliRunner.RunAsync(Path.Combine(_root.Path, "data"), "ask", "@everyone what did LeCun praise?", "--Ingestion:SeedsDirectory=" + seeds);

        Assert.Equal((0, string.Empty), (code, error));
        Assert.Contains("LeCun praised China’s DeepSeek R1 model", output, StringComparison.Ordinal);
    }
}
