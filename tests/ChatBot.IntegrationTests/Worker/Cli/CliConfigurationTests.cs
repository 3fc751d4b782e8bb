
namespace ChatBot.IntegrationTests.Worker.Cli;

/// <summary>Bad configuration: one line per problem naming the key as written, nothing created, exit 3.</summary>
public sealed class CliConfigurationTests : IDisposable
{
    private readonly TempDirectory _root = new();

    private string Data => Path.Combine(_root.Path, "data");

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task OutOfRangeValue_OneLineNamingTheKey_NothingCreated()
    {
        var (code, output, error) = await CliRunner.RunAsync(Data, "articles", "--Embeddings:BatchSize=0");

        Assert.Equal(3, code);
        Assert.Empty(output);
        Assert.Equal(["Configuration error: Embeddings:BatchSize must be between 1 and 128 (given: 0)."], Lines(error));
        Assert.False(Directory.Exists(Data));
    }

    [Fact]
    public async Task UnknownProvider_OnlyThatProblem()
    {
        var (code, _, error) = await CliRunner.RunAsync(Data, "articles", "--Storage:Provider=Oracle");

        Assert.Equal(3, code);
        Assert.Equal(["Configuration error: Storage:Provider must be Sqlite or Postgres (given: Oracle)."], Lines(error));
        Assert.False(Directory.Exists(Data));
    }

    [Fact]
    public async Task KeyAsWritten_LowerCase_IsNamedAsTyped()
    {
        var (code, _, error) = await CliRunner.RunAsync(Data, "articles", "--search:abstainbelow=2");

        Assert.Equal(3, code);
        Assert.Contains("Search:abstainbelow must be between 0 and 1 (given: 2).", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotANumber_NamesTheKey()
    {
        var (code, _, error) = await CliRunner.RunAsync(Data, "articles", "--Storage:ChangePollSeconds=abc");

        Assert.Equal(3, code);
        var line = Assert.Single(Lines(error));
        Assert.Contains("Storage:ChangePollSeconds", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MisspeltKey_WarnsWithTheNearestKey_AndStillRuns()
    {
        var (code, _, error) = await CliRunner.RunAsync(Data, "articles", "--json", "--Storage:Provder=Sqlite", "--Digests:Schedules:0:Cronn=x", "--Libraries:Named:team:Chanels:0=slack:C1");

        Assert.Equal(3, code);
        var lines = Lines(error);
        Assert.Contains("warning: Unknown configuration key Storage:Provder (did you mean Storage:Provider?)", lines);
        Assert.Contains("warning: Unknown configuration key Digests:Schedules:0:Cronn (did you mean Digests:Schedules:0:Cron?)", lines);
        Assert.Contains("warning: Unknown configuration key Libraries:Named:team:Chanels (did you mean Libraries:Named:team:Channels?)", lines);
    }

    [Fact]
    public async Task UnknownKeyAlone_IsOnlyAWarning()
    {
        var (code, output, error) = await CliRunner.RunAsync(Data, "articles", "--json", "--Search:Foo=1");

        Assert.Equal(0, code);
        Assert.StartsWith("[", output.TrimStart(), StringComparison.Ordinal);
        Assert.Equal(["warning: Unknown configuration key Search:Foo (no option reads it)."], Lines(error));
    }

    [Fact]
    public async Task ListGivenAsOneValue_WarnsHowToGiveAList()
    {
        var (code, _, error) = await CliRunner.RunAsync(Data, "articles", "--json", "--Slack:Admins=U1,U2");

        Assert.Equal(0, code);
        Assert.Equal(["warning: Slack:Admins is a list, so the single value is ignored: give each item as Slack:Admins:0, Slack:Admins:1 … (environment variables Slack__Admins__0 …)."], Lines(error));
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
