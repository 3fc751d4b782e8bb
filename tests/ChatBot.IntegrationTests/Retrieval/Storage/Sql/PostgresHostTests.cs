using System.Text.Json;
using ChatBot.IntegrationTests.Worker.Cli;

namespace ChatBot.IntegrationTests.Retrieval.Storage.Sql;

/// <summary>The real host (MiniLM, seeds, hybrid search) on Storage:Provider=Postgres.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresHostTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _data = new();
    private PostgresTestSchema _schema = null!;

    public async Task InitializeAsync() => _schema = await PostgresTestServer.CreateSchemaAsync();

    public async Task DisposeAsync() => await _schema.DisposeAsync();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Ask_OnPostgres_QuotesTheSeedAndCitesIt()
    {
        var (code, output, error) = await RunAsync("ask", "What did Yann LeCun say about DeepSeek R1?", "--json");

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.False(json.RootElement.GetProperty("abstained").GetBoolean());
        Assert.Contains("DeepSeek R1", json.RootElement.GetProperty("answer").GetString(), StringComparison.Ordinal);
        Assert.Equal("seed:000_7a399d46076fab90.txt", json.RootElement.GetProperty("citations")[0].GetProperty("source").GetString());
    }

    [Fact]
    public async Task SecondReplicaStart_SharedDatabase_DoesNotReIngestTheSeed()
    {
        var first = await RunAsync("articles", "--json");
        var second = await RunAsync("articles", "--json");

        Assert.True(first.ExitCode == 0, first.Error);
        using var a = JsonDocument.Parse(first.Output);
        using var b = JsonDocument.Parse(second.Output);
        var before = Assert.Single(a.RootElement.EnumerateArray());
        var after = Assert.Single(b.RootElement.EnumerateArray());
        Assert.Equal(before.GetProperty("ingestedAt").GetString(), after.GetProperty("ingestedAt").GetString());
        Assert.Equal(1, await _schema.ScalarAsync("SELECT count(*) FROM article_changes"));
    }

    private Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) =>
        CliRunner.RunAsync(_data.Path, [.. args, "--Storage:Provider=Postgres", "--Storage:ConnectionString=" + _schema.ConnectionString]);
}
