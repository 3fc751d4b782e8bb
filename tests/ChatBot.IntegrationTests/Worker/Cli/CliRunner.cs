using ChatBot.Worker.Cli;
using ChatBot.Worker.ConsolePlatform;
using Microsoft.Data.Sqlite;

namespace ChatBot.IntegrationTests.Worker.Cli;

/// <summary>Runs the real command line in-process, the way `dotnet run --project src/ChatBot.Worker -- …` does.</summary>
public static class CliRunner
{
    public static async Task<(int ExitCode, string Output, string Error)> RunWithInputAsync(string dataDirectory, string input, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var all = args.Append("--Storage:DataDirectory=" + dataDirectory).ToList();
        var code = await CliApp.RunAsync(all, new ConsoleIo(new StringReader(input), output, error), error);
        SqliteConnection.ClearAllPools();
        return (code, output.ToString(), error.ToString());
    }

    public static Task<(int ExitCode, string Output, string Error)> RunAsync(string dataDirectory, params string[] args) =>
        RunWithInputAsync(dataDirectory, string.Empty, args);
}
