using ChatBot.IntegrationTests.Libraries;
using ChatBot.IntegrationTests.Retrieval.Storage.Sql;
using ChatBot.Retrieval.Storage.Sql;
using ChatBot.TestKit.Discord;
using ChatBot.TestKit.Slack;
using Microsoft.Extensions.Hosting;

namespace ChatBot.IntegrationTests.EndToEnd.Stats;

/// <summary>
/// The real worker host (seeds in "local", real router, real question log) on SQLite or on a PostgreSQL schema of its
/// own, for the question log, feedback and /stats tests through the fake platforms.
/// </summary>
public sealed class StatsHost : IAsyncDisposable
{
    private readonly BotHost _bot = new();
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
        string[] storage = _schema is null ? [] : BotHost.Postgres(_schema);
        return _bot.Build([.. storage, .. SeedLibrary.Settings, .. Admins, .. settings]);
    }

    /// <summary>The host on the fake Discord server.</summary>
    public IHost BuildDiscord(FakeDiscordServer discord) => Build(BotHost.Discord(discord));

    /// <summary>The host on the fake Slack workspace (one socket, no post spacing), with more settings.</summary>
    public IHost BuildSlack(FakeSlackServer slack, params string[] settings) =>
        Build([.. BotHost.Slack(slack), .. settings]);

    public async ValueTask DisposeAsync()
    {
        if (_schema is not null)
        {
            await _schema.DisposeAsync();
        }

        _bot.Dispose();
    }
}
