using ChatBot.IntegrationTests.Retrieval.Storage.Sql;
using ChatBot.TestKit.Discord;
using ChatBot.TestKit.Llm;
using ChatBot.TestKit.Slack;
using ChatBot.Worker.ConsolePlatform;
using ChatBot.Worker.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatBot.IntegrationTests;

/// <summary>
/// The real worker host as the host and end-to-end tests build it: on a data folder of its own (deleted, with SQLite's
/// pooled connections, at dispose), platforms running, console silent, warnings logged; and the settings that point it
/// at the fake Discord, Slack and OpenAI servers or a PostgreSQL schema.
/// </summary>
public sealed class BotHost : IDisposable
{
    private readonly TempDirectory _data = new();

    public string DataDirectory => _data.Path;

    /// <summary>The seeds folder set to one that does not exist: the bot starts with no articles.</summary>
    public string NoSeeds => "--Ingestion:SeedsDirectory=" + System.IO.Path.Combine(_data.Path, "no-seeds");

    /// <summary>The host (not started) with <paramref name="settings"/> in command-line form ("--Section:Key=value").</summary>
    public IHost Build(params string[] settings) =>
        ChatBotHost.Build(
            [$"--Storage:DataDirectory={_data.Path}", .. settings],
            runPlatforms: true,
            new ConsoleIo(TextReader.Null, TextWriter.Null),
            LogLevel.Warning);

    /// <summary>The bot on the fake Discord server (gateway and REST; the fake sends Discord's own heartbeat interval).</summary>
    public static string[] Discord(FakeDiscordServer discord)
    {
        ArgumentNullException.ThrowIfNull(discord);
        return
        [
            "--Discord:Token=" + FakeDiscordServer.BotToken,
            "--Discord:ApplicationId=" + FakeDiscordServer.ApplicationId,
            "--Discord:ApiBaseUrl=" + discord.ApiBaseUrl,
        ];
    }

    /// <summary>The bot on the fake Slack workspace: one Socket Mode connection, posts not spaced.</summary>
    public static string[] Slack(FakeSlackServer slack) =>
    [
        "--Slack:BotToken=xoxb-e2e",
        "--Slack:AppToken=xapp-e2e",
        "--Slack:ApiBaseUrl=" + slack.ApiBaseUrl.AbsoluteUri,
        "--Slack:SocketConnections=1",
        "--Slack:MinPostIntervalMilliseconds=0",
    ];

    /// <summary>Answers from the fake OpenAI-compatible server: no retries, a 10 s budget.</summary>
    public static string[] Llm(FakeOpenAiServer llm) =>
        ["--Llm:Provider=OpenAI", "--Llm:Endpoint=" + llm.BaseUrl, "--Llm:Model=test-model", "--Llm:MaxRetries=0", "--Llm:TimeoutSeconds=10"];

    /// <summary>The store on a PostgreSQL schema of the test server instead of SQLite.</summary>
    public static string[] Postgres(PostgresTestSchema schema) =>
        ["--Storage:Provider=Postgres", "--Storage:ConnectionString=" + schema.ConnectionString];

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _data.Dispose();
    }
}
