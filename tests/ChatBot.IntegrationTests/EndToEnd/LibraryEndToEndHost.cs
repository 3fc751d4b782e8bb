using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.IntegrationTests.Libraries;
using ChatBot.IntegrationTests.Retrieval.Storage.Sql;
using ChatBot.Retrieval.Storage.Sql;
using ChatBot.TestKit.Discord;
using ChatBot.TestKit.Slack;
using ChatBot.TestKit.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace ChatBot.IntegrationTests.EndToEnd;

/// <summary>
/// The real worker host on a real database (a SQLite file or a schema of the test PostgreSQL) connected to the fake
/// Discord gateway and the fake Slack socket at once: three Discord guilds (A and C share the named library "acme",
/// only A's admins may change it; B has its own) and one Slack workspace (its own library). Pages are served on
/// 127.0.0.1 (<see cref="LibraryBot.Page"/>). Commands go in as gateway interactions and socket events; replies are
/// read from what the bot sent to the fakes.
/// </summary>
public sealed class LibraryEndToEndHost : IAsyncDisposable
{
    public const string GuildA = "2200000000000000011";
    public const string GuildB = "2200000000000000012";
    public const string GuildC = "2200000000000000013";
    public const string ManageServer = "32";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private readonly BotHost _bot;
    private readonly PostgresTestSchema? _schema;
    private readonly LocalWebServer _web;
    private readonly FakeDiscordServer _discord;
    private readonly FakeSlackServer _slack;
    private readonly IHost _host;
    private FakeGatewayConnection _gateway = null!;
    private FakeSlackSocket _socket = null!;
    private long _next = 3300000000000000900;

    private LibraryEndToEndHost(BotHost bot, PostgresTestSchema? schema, LocalWebServer web, FakeDiscordServer discord, FakeSlackServer slack, IHost host)
    {
        (_bot, _schema, _web, _discord, _slack, _host) = (bot, schema, web, discord, slack, host);
    }

    public static async Task<LibraryEndToEndHost> StartAsync(SqlDialect dialect)
    {
        var bot = new BotHost();
        var schema = dialect == SqlDialect.Postgres ? await PostgresTestServer.CreateSchemaAsync() : null;
        var web = await LocalWebServer.StartAsync(app => app.MapGet("/page/{name}", (string name) => Results.Content(LibraryBot.Page(name), "text/html")));
        var discord = await FakeDiscordServer.StartAsync();
        var slack = await FakeSlackServer.StartAsync();
        string[] storage = schema is null ? [] : BotHost.Postgres(schema);
        var host = bot.Build(
            [
                .. storage,
                bot.NoSeeds,
                "--Ingestion:AllowPrivateNetworks=true",
                .. BotHost.Discord(discord),
                .. BotHost.Slack(slack),
                "--Slack:Admins:0=" + SlackPayloads.User,
                "--Libraries:Named:acme:DiscordGuilds:0=" + GuildA,
                "--Libraries:Named:acme:DiscordGuilds:1=" + GuildC,
                "--Libraries:Named:acme:Admins:0=discord:" + GuildA,
            ]);
        var e2e = new LibraryEndToEndHost(bot, schema, web, discord, slack, host);
        await host.StartAsync();
        e2e._gateway = await discord.NextConnectionAsync(Timeout);
        await e2e._gateway.WaitForOpAsync(2, Timeout);
        e2e._socket = await slack.WaitForSocketAsync(0, Timeout);
        return e2e;
    }

    public string PageUrl(string name) => _web.Url("page/" + name).AbsoluteUri;

    /// <summary>
    /// A slash command in <paramref name="guild"/> (its own channel) through the gateway; returns the JSON of the bot's
    /// reply to it: the edited "thinking…" message, a follow-up, or an immediate (ephemeral) response.
    /// </summary>
    public Task<string> DiscordAsync(string guild, string command, string? permissions = null, params (string Name, string Value)[] options) =>
        InteractAsync(guild, command, permissions, new JsonArray([.. options.Select(o => (JsonNode)new JsonObject { ["name"] = o.Name, ["type"] = 3, ["value"] = o.Value })]));

    /// <summary>A subcommand without options (<c>/feeds list</c>, <c>/schedule show</c>), as <see cref="DiscordAsync"/>.</summary>
    public Task<string> DiscordAsync(string guild, string command, string subcommand, string? permissions) =>
        InteractAsync(guild, command, permissions, new JsonArray(new JsonObject { ["name"] = subcommand, ["type"] = 1, ["options"] = new JsonArray() }));

    /// <summary>What Discord's autocomplete offers for <paramref name="typed"/> in <c>/forget</c>'s article field: the choices' JSON.</summary>
    public Task<string> DiscordAutocompleteAsync(string guild, string typed) =>
        InteractAsync(guild, "forget", ManageServer, new JsonArray(new JsonObject { ["name"] = "article", ["type"] = 3, ["value"] = typed, ["focused"] = true }), type: 4);

    private async Task<string> InteractAsync(string guild, string command, string? permissions, JsonArray options, int type = 2)
    {
        var id = Interlocked.Increment(ref _next).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var interaction = FakeDiscordServer.Interaction(id, command, options, permissions ?? "0", type: type);
        interaction["guild_id"] = guild;
        interaction["channel_id"] = "44" + guild[2..];
        await _gateway.DispatchAsync("INTERACTION_CREATE", interaction);
        var reply = await _discord.WaitForRequestAsync(r => IsReplyTo(r, id), Timeout);
        Assert.Empty(reply.SchemaErrors);
        return reply.Body;
    }

    /// <summary>A mention of the bot in the Slack workspace's channel through the socket; returns the reply posted in its thread.</summary>
    public async Task<string> SlackAsync(string text)
    {
        var id = Interlocked.Increment(ref _next);
        var ts = $"1700000{id % 1000:000}.000100";
        await _socket.SendAsync(SlackPayloads.Envelope("env-" + id, "events_api", SlackPayloads.AppMention("Ev" + id, ts, $"<@{FakeSlackServer.BotUserId}> {text}")));
        var reply = await _slack.WaitForRequestAsync(r => r.Method is "chat.postMessage" or "chat.postEphemeral" && r.ThreadTs == ts, Timeout);
        return reply.AllText;
    }

    // The defer (type 5) is not the reply; an immediate response (type 4), autocomplete choices (type 8), the edit of
    // @original or a follow-up is.
    private static bool IsReplyTo(FakeDiscordRequest request, string id) =>
        request.Path.Contains("/interactions/" + id + "/", StringComparison.Ordinal)
            ? JsonDocument.Parse(request.Body).RootElement.GetProperty("type").GetInt32() is 4 or 8
            : request.Path.Contains("/tok-" + id, StringComparison.Ordinal) && request.Method is "PATCH" or "POST";

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await _slack.DisposeAsync();
        await _discord.DisposeAsync();
        await _web.DisposeAsync();
        if (_schema is not null)
        {
            await _schema.DisposeAsync();
        }

        _bot.Dispose();
    }
}
