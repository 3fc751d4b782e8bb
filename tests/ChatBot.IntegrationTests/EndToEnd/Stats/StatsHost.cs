using ChatBot.IntegrationTests.Libraries;
using ChatBot.IntegrationTests.Retrieval.Storage.Sql;
using ChatBot.Retrieval.Storage.Sql;
using ChatBot.TestKit.Discord;
using ChatBot.TestKit.Slack;
using ChatBot.Worker.ConsolePlatform;
using ChatBot.Worker.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatBot.IntegrationTests.EndToEnd.Stats;

/// <summary>
/// The real worker host (seeds in "local", real router, real question log) on SQLite or on a PostgreSQL schema of its
/// own, for the question log, feedback and /stats tests through the fake platforms.
/// </summary>
public sealed class StatsHost : IAsyncDisposable
{
    private readonly TempDirectory _data = new();
    private PostgresTestSchema? _schema;

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>The fake Discord server's and Slack workspace's admins may administer "local" (shared by both).</summary>
    private static readonly string[] Admins =
    [
        "--Libraries:Named:local:Admins:0=discord:" + DiscordPayloads.GuildId,
        "--Libraries:Named:local:Admins:1=slack:" + FakeSlackServer.TeamId,
    ];

    public static async Task<StatsHost> CreateAsync(SqlDialect dialect)
    {
        var host = new StatsHost();
        if (dialect == SqlDialect.Postgres)
        {
            host._schema = await PostgresTestServer.CreateSchemaAsync();
        }

        return host;
    }

    public IHost Build(params string[] settings)
    {
        string[] storage = _schema is null ? [] : ["--Storage:Provider=Postgres", "--Storage:ConnectionString=" + _schema.ConnectionString];
        return ChatBotHost.Build(
            [$"--Storage:DataDirectory={_data.Path}", .. storage, .. SeedLibrary.Settings, .. Admins, .. settings],
            runPlatforms: true,
            new ConsoleIo(TextReader.Null, TextWriter.Null),
            LogLevel.Warning);
    }

    /// <summary>The host on the fake Discord server.</summary>
    public IHost BuildDiscord(FakeDiscordServer discord) =>
        Build("--Discord:Token=" + FakeDiscordServer.BotToken, "--Discord:ApplicationId=" + FakeDiscordServer.ApplicationId, "--Discord:ApiBaseUrl=" + discord.ApiBaseUrl);

    /// <summary>The host on the fake Slack workspace (one socket, no post spacing), with more settings.</summary>
    public IHost BuildSlack(FakeSlackServer slack, params string[] settings) =>
        Build(
            [
                "--Slack:BotToken=xoxb-e2e", "--Slack:AppToken=xapp-e2e", "--Slack:ApiBaseUrl=" + slack.ApiBaseUrl.AbsoluteUri,
                "--Slack:SocketConnections=1", "--Slack:MinPostIntervalMilliseconds=0", .. settings,
            ]);

    public async ValueTask DisposeAsync()
    {
        if (_schema is not null)
        {
            await _schema.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        _data.Dispose();
    }
}
