using ChatBot.Worker.Cli;
using ChatBot.Worker.ConsolePlatform;
using Microsoft.Data.Sqlite;

namespace ChatBot.IntegrationTests.Worker.ConsolePlatform;

/// <summary>The console as a person sees it: one stream, the prompt after start-up, no log line in the conversation.</summary>
public sealed class ConsolePromptTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Prompt_ComesAfterStartUp_AndNoLogLineFollowsIt()
    {
        var screen = new StringWriter();
        var input = "/schedule set \"0 8 * * *\" UTC\n/help\n/feeds list\n/quit\n";

        var code = await CliApp.RunAsync(["--Storage:DataDirectory=" + _data.Path], new ConsoleIo(new StringReader(input), screen, screen), screen);
        SqliteConnection.ClearAllPools();
        var text = screen.ToString();

        Assert.Equal(0, code);
        Assert.StartsWith("ChatBot is ready. Ask a question, or type /help. /quit to leave.", text, StringComparison.Ordinal);
        Assert.DoesNotContain(" info: ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("`", text, StringComparison.Ordinal);
        Assert.Contains("/feeds add <url> [channel] | remove <url|id> | list", text, StringComparison.Ordinal);
        Assert.Contains("/feeds add <url> [channel], /feeds remove <url|id> or /feeds list", text, StringComparison.Ordinal);
    }
}
