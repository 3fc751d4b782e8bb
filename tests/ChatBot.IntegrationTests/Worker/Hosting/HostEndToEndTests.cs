using System.Text.Json;
using ChatBot.IntegrationTests.Worker.Cli;

namespace ChatBot.IntegrationTests.Worker.Hosting;

public sealed class HostEndToEndTests : IDisposable
{
    private const string SeedQuestion = "What did Yann LeCun say about DeepSeek R1?";
    private const string SeedSource = "seed:000_7a399d46076fab90.txt";
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Ask_Json_QuotesTheSeedAndCitesIt()
    {
        var (code, output, error) = await CliRunner.RunAsync(_data.Path, "ask", SeedQuestion, "--json");

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.False(root.GetProperty("abstained").GetBoolean());
        var answer = root.GetProperty("answer").GetString()!;
        Assert.Contains("DeepSeek R1", answer, StringComparison.Ordinal);
        Assert.Contains("[1]", answer, StringComparison.Ordinal);
        var citation = root.GetProperty("citations")[0];
        Assert.Equal(1, citation.GetProperty("number").GetInt32());
        Assert.Equal(SeedSource, citation.GetProperty("source").GetString());
        Assert.Contains("LeCun", citation.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.True(citation.GetProperty("articleId").GetInt64() > 0);
        Assert.True(citation.GetProperty("score").GetDouble() > 0);
    }

    [Fact]
    public async Task SecondStart_UnchangedSeed_IsNotReEmbedded()
    {
        var first = await CliRunner.RunAsync(_data.Path, "articles", "--json");
        var second = await CliRunner.RunAsync(_data.Path, "articles", "--json");

        Assert.Equal(0, first.ExitCode);
        using var a = JsonDocument.Parse(first.Output);
        using var b = JsonDocument.Parse(second.Output);
        var before = Assert.Single(a.RootElement.EnumerateArray());
        var after = Assert.Single(b.RootElement.EnumerateArray());
        Assert.Equal(SeedSource, after.GetProperty("source").GetString());
        Assert.Equal(before.GetProperty("ingestedAt").GetString(), after.GetProperty("ingestedAt").GetString());
        Assert.Equal(before.GetProperty("id").GetInt64(), after.GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task Ask_TextOutput_ShowsNumberedSources()
    {
        var (code, output, _) = await CliRunner.RunAsync(_data.Path, "ask", SeedQuestion);

        Assert.Equal(0, code);
        Assert.Contains("Sources:", output, StringComparison.Ordinal);
        Assert.Contains("[1] Meta’s Chief Scientist Yann LeCun", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_UnrelatedQuestion_Abstains()
    {
        var (code, output, _) = await CliRunner.RunAsync(_data.Path, "ask", "What is the boiling point of mercury in kelvin?", "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        Assert.True(json.RootElement.GetProperty("abstained").GetBoolean());
    }

    [Fact]
    public async Task Ask_EmptyQuestion_PromptsForOneWithUsageExitCode()
    {
        var (code, output, error) = await CliRunner.RunAsync(_data.Path, "ask", "  ");

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains("What would you like to know?", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Summarize_Seed_ReturnsSentencesFromIt()
    {
        var (code, output, error) = await CliRunner.RunAsync(_data.Path, "summarize", "Yann LeCun", "--length", "short", "--json");

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var sentences = json.RootElement.GetProperty("sentences").EnumerateArray().Select(s => s.GetString()!).ToList();
        Assert.Equal(2, sentences.Count);
        Assert.All(sentences, s => Assert.False(string.IsNullOrWhiteSpace(s)));
        Assert.Equal(SeedSource, json.RootElement.GetProperty("source").GetString());
    }

    [Fact]
    public async Task Search_Json_ReturnsTheSeedWithAHighlightedSnippet()
    {
        var (code, output, _) = await CliRunner.RunAsync(_data.Path, "search", "patent system", "--json");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var hit = json.RootElement.GetProperty("results")[0];
        Assert.Equal(SeedSource, hit.GetProperty("source").GetString());
        Assert.Contains("**patent**", hit.GetProperty("snippet").GetString()!, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Ingest_MissingPath_FailsClearlyAndWritesNothing()
    {
        var missing = Path.Combine(_data.Path, "nope", "missing.txt");

        var (code, _, error) = await CliRunner.RunAsync(_data.Path, "ingest", missing);
        var (_, articles, _) = await CliRunner.RunAsync(_data.Path, "articles", "--json");

        Assert.NotEqual(0, code);
        Assert.Contains("No such file or folder", error, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(articles);
        Assert.Single(json.RootElement.EnumerateArray());
    }

    [Fact]
    public async Task Ingest_UnreadableFile_FailsClearly()
    {
        var binary = Path.Combine(_data.Path, "broken.pdf");
        await File.WriteAllBytesAsync(binary, [0x25, 0x50, 0x44, 0x46, 0x00, 0xFF, 0x13]);

        var (code, _, error) = await CliRunner.RunAsync(_data.Path, "ingest", binary);

        Assert.Equal(1, code);
        Assert.Contains("broken.pdf", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestThenForget_TextFile_IsAnsweredThenGone()
    {
        var file = Path.Combine(_data.Path, "bees.txt");
        await File.WriteAllTextAsync(file, "Bees\nHoneybees communicate the direction of flowers with a waggle dance. The dance angle encodes the direction relative to the sun.");

        var ingest = await CliRunner.RunAsync(_data.Path, "ingest", file, "--json");
        var ask = await CliRunner.RunAsync(_data.Path, "ask", "How do honeybees communicate the direction of flowers?", "--json");
        var forget = await CliRunner.RunAsync(_data.Path, "forget", "Bees");
        var after = await CliRunner.RunAsync(_data.Path, "articles", "--json");

        Assert.Equal(0, ingest.ExitCode);
        Assert.Contains("waggle dance", ask.Output, StringComparison.Ordinal);
        Assert.Equal(0, forget.ExitCode);
        Assert.DoesNotContain("bees.txt", after.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forget_PartialTitle_DeletesNothing()
    {
        var (code, _, error) = await CliRunner.RunAsync(_data.Path, "forget", "Yann LeCun");
        var (_, articles, _) = await CliRunner.RunAsync(_data.Path, "articles", "--json");

        Assert.Equal(1, code);
        Assert.Contains("No indexed article matches", error, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(articles);
        Assert.Single(json.RootElement.EnumerateArray());
    }

    [Fact]
    public async Task BadConfiguration_UnknownStorageProvider_FailsStartNamingTheKey()
    {
        var (code, _, error) = await CliRunner.RunAsync(_data.Path, "articles", "--Storage:Provider=Mongo");

        Assert.Equal(3, code);
        Assert.Contains("Storage:Provider", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadConfiguration_OutOfRangeValue_FailsStart()
    {
        var (code, _, error) = await CliRunner.RunAsync(_data.Path, "articles", "--Embeddings:BatchSize=0");

        Assert.Equal(3, code);
        Assert.Contains("BatchSize", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsolePlatform_TypedCommands_AreAnsweredLikeChat()
    {
        var input = "/ask " + SeedQuestion + "\n/frobnicate\n\n/articles\n/quit\n";

        var (code, output, error) = await CliRunner.RunWithInputAsync(_data.Path, input);

        Assert.True(code == 0, error);
        Assert.Contains("ChatBot is ready", output, StringComparison.Ordinal);
        Assert.Contains("DeepSeek R1", output, StringComparison.Ordinal);
        Assert.Contains("I don't know the command “/frobnicate”", output, StringComparison.Ordinal);
        Assert.Contains("1 article indexed", output, StringComparison.Ordinal);
    }
}
