using ChatBot.TestKit.Web;
using ChatBot.Worker.Cli;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ChatBot.IntegrationTests.Worker.Cli;

/// <summary>The `health` verb the Dockerfile's HEALTHCHECK runs: exit 0 on 200, 1 otherwise, 2 without an address.</summary>
public sealed class HealthCommandTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Theory]
    [InlineData(200, 0)]
    [InlineData(503, 1)]
    public async Task Health_AnswersStatus_ExitCodeFollows(int status, int expected)
    {
        await using var server = await LocalWebServer.StartAsync(app => app.MapGet("/health", () => Results.Json(new { status = "x" }, statusCode: status)));

        var (code, output, _) = await CliRunner.RunAsync(_data.Path, "health", "--Health:Urls=" + server.BaseUri.AbsoluteUri.TrimEnd('/'));

        Assert.Equal(expected, code);
        Assert.StartsWith(status.ToString(System.Globalization.CultureInfo.InvariantCulture), output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_NothingListening_Fails()
    {
        var (code, _, error) = await CliRunner.RunAsync(_data.Path, "health", "--url", "http://127.0.0.1:9");

        Assert.Equal(1, code);
        Assert.Contains("nothing healthy answers at http://127.0.0.1:9/health", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_NoAddress_IsUsage()
    {
        var (code, _, error) = await CliRunner.RunAsync(_data.Path, "health");

        Assert.Equal(2, code);
        Assert.Contains("Health:Urls is not set", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://0.0.0.0:8080", "http://127.0.0.1:8080/health")]
    [InlineData("http://[::]:8080/", "http://127.0.0.1:8080/health")]
    [InlineData("http://bot.internal:81", "http://bot.internal:81/health")]
    public void Target_ListenAddress_IsAskedOnLoopback(string listen, string expected) =>
        Assert.Equal(expected, HealthCommand.Target(new Uri(listen)).AbsoluteUri);
}
