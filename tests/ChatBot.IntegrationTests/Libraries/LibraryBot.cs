using ChatBot.Core.Chat;
using ChatBot.Core.Libraries;
using ChatBot.Digests;
using ChatBot.IntegrationTests.Retrieval;
using ChatBot.IntegrationTests.Retrieval.Storage.Sql;
using ChatBot.Retrieval;
using ChatBot.Retrieval.Storage.Sql;
using ChatBot.TestKit.Web;
using ChatBot.Worker.Commands;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatBot.IntegrationTests.Libraries;

/// <summary>
/// The real command router, retrieval, ingestion, feed and digest commands over a real database (a SQLite file, or a
/// schema of the test PostgreSQL server), with requests shaped as the platforms build them: Discord with the guild id,
/// Slack with the team id. Pages and a feed are served on 127.0.0.1.
/// </summary>
public sealed class LibraryBot : IAsyncDisposable
{
    public const string GuildA = "1100000000000000001";
    public const string GuildB = "1100000000000000002";
    public const string GuildC = "1100000000000000003";
    public const string Team = "T0SLACK01";

    private readonly TempDirectory _data;
    private readonly PostgresTestSchema? _schema;
    private int _correlation;

    private LibraryBot(ServiceProvider services, LocalWebServer web, TempDirectory data, PostgresTestSchema? schema, FakeEmbeddingGenerator embeddings)
    {
        Services = services;
        Web = web;
        _data = data;
        _schema = schema;
        Embeddings = embeddings;
        Router = services.GetRequiredService<CommandRouter>();
    }

    public ServiceProvider Services { get; }

    public LocalWebServer Web { get; }

    public FakeEmbeddingGenerator Embeddings { get; }

    public CommandRouter Router { get; }

    /// <summary>Pages at /page/{name} (title and text from the name) and an RSS feed at /feed/{name} with one item linking to /page/{name}-item.</summary>
    public static async Task<LibraryBot> StartAsync(SqlDialect dialect, IDictionary<string, string?>? settings = null)
    {
        var data = new TempDirectory();
        var schema = dialect == SqlDialect.Postgres ? await PostgresTestServer.CreateSchemaAsync() : null;
        var web = await LocalWebServer.StartAsync(app =>
        {
            app.MapGet("/page/{name}", (string name) => Results.Content(Page(name), "text/html"));
            app.MapGet("/feed/{name}", (string name, HttpRequest request) => Results.Content(Feed(name, $"{request.Scheme}://{request.Host}"), "application/rss+xml"));
        });
        var values = new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = data.Path,
            ["Storage:Provider"] = schema is null ? "Sqlite" : "Postgres",
            ["Storage:ConnectionString"] = schema?.ConnectionString,
            ["Ingestion:SeedsDirectory"] = string.Empty,
            ["Ingestion:AllowPrivateNetworks"] = "true",
            ["Ingestion:TimeoutSeconds"] = "5",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var embeddings = new FakeEmbeddingGenerator();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(embeddings);
        services.AddRetrieval(configuration);
        services.AddDigests(configuration);
        services.AddSingleton<CommandRouter>();
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<ISchemaMigrator>().MigrateAsync(CancellationToken.None);
        return new LibraryBot(provider, web, data, schema, embeddings);
    }

    /// <summary>A word only the page <paramref name="name"/> holds (in its title and text), never typed in a question.</summary>
    public static string Secret(string name) => "zq" + name;

    /// <summary>A page whose title and text carry its <see cref="Secret"/>, so a leak of either is visible in any reply.</summary>
    public static string Page(string name) =>
        $"<html><head><title>{name} report {Secret(name)}</title></head><body><article><h1>{name} report {Secret(name)}</h1>"
        + $"<p>The {name} committee met on Tuesday and approved the {name} budget for the harbour bridge repairs ({Secret(name)}).</p>"
        + $"<p>Engineers from {name} said the bridge repairs will take eleven weeks and cost four million.</p>"
        + $"<p>The {name} mayor thanked residents for their patience during the {name} harbour works.</p></article></body></html>";

    private static string Feed(string name, string origin) =>
        $"""<?xml version="1.0"?><rss version="2.0"><channel><title>{name} feed</title><link>{origin}/</link><item><title>{name}-item report</title><link>{origin}/page/{name}-item</link><guid>{name}-item</guid></item></channel></rss>""";

    public string PageUrl(string name) => Web.Url("page/" + name).AbsoluteUri;

    public string FeedUrl(string name) => Web.Url("feed/" + name).AbsoluteUri;

    /// <summary>A slash command in a Discord guild's channel, as the interaction dispatcher builds it.</summary>
    public Task<ChatReply> DiscordAsync(string guild, ChatCommand command, string argument, bool admin = false, string? channel = null) =>
        Router.HandleAsync(Request("discord", guild, channel ?? "chan-" + guild, command, argument, admin), CancellationToken.None);

    /// <summary>A slash command in a Slack channel of the workspace, as the Slack request processor builds it.</summary>
    public Task<ChatReply> SlackAsync(ChatCommand command, string argument, bool admin = false) =>
        Router.HandleAsync(Request("slack", Team, "C0SLACK01", command, argument, admin), CancellationToken.None);

    public string LibraryOf(string platform, string workspace, string channel) =>
        Services.GetRequiredService<LibraryMap>().Resolve(platform, workspace, channel).Library!;

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Web.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (_schema is not null)
        {
            await _schema.DisposeAsync();
        }

        _data.Dispose();
    }

    private ChatRequest Request(string platform, string workspace, string channel, ChatCommand command, string argument, bool admin) =>
        new(platform, channel, "user-" + workspace, command, argument, admin, "ref" + Interlocked.Increment(ref _correlation)) { Workspace = workspace };
}
