using ChatBot.IntegrationTests.Libraries;
using ChatBot.Retrieval.Storage.Sql;
using static ChatBot.IntegrationTests.EndToEnd.LibraryEndToEndHost;

namespace ChatBot.IntegrationTests.EndToEnd;

/// <summary>
/// Library isolation as users of the platforms see it, through the real host, the fake Discord gateway and the fake Slack
/// socket: what guild A adds, guild B and the Slack workspace can neither find, search, be answered from, summarise,
/// list nor forget; guild C, mapped onto A's library, reads it but may not change it; and what B adds stays B's. Every
/// reply is checked for the other library's secret word (in each page's title and text, never typed in a command).
/// Run against SQLite and PostgreSQL by the subclasses.
/// </summary>
public abstract class LibraryIsolationEndToEndContractTests(SqlDialect dialect) : IAsyncLifetime
{
    private LibraryEndToEndHost _bot = null!;

    public async Task InitializeAsync() => _bot = await LibraryEndToEndHost.StartAsync(dialect);

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task TwoGuildsAndAWorkspace_OnlyTheSharedMappingSeesAnArticle()
    {
        var alpha = LibraryBot.Secret("alpha");
        var beta = LibraryBot.Secret("beta");
        Assert.Contains(alpha, await _bot.DiscordAsync(GuildA, "add", ManageServer, ("url", _bot.PageUrl("alpha"))), StringComparison.Ordinal);
        Assert.Contains(beta, await _bot.DiscordAsync(GuildB, "add", ManageServer, ("url", _bot.PageUrl("beta"))), StringComparison.Ordinal);

        // A and C (one library, "acme") see alpha; /library and the /articles header name the library.
        Assert.Contains(alpha, await _bot.DiscordAsync(GuildA, "search", null, ("query", "alpha committee harbour bridge")), StringComparison.Ordinal);
        var shared = await _bot.DiscordAsync(GuildC, "articles");
        Assert.Contains(alpha, shared, StringComparison.Ordinal);
        Assert.Contains("acme", shared, StringComparison.Ordinal);
        Assert.Contains("acme", await _bot.DiscordAsync(GuildC, "library"), StringComparison.Ordinal);
        Assert.Contains("library acme", await _bot.DiscordAsync(GuildA, "feeds", "list", ManageServer), StringComparison.Ordinal);
        Assert.Contains(alpha, await _bot.DiscordAsync(GuildC, "ask", null, ("question", "What did the alpha committee approve?")), StringComparison.Ordinal);
        Assert.Contains(alpha, await _bot.DiscordAutocompleteAsync(GuildC, "alpha"), StringComparison.Ordinal);

        // B: nothing of alpha, whatever it tries; its own beta is there.
        string[] fromB =
        [
            await _bot.DiscordAsync(GuildB, "search", null, ("query", "alpha committee harbour bridge")),
            await _bot.DiscordAsync(GuildB, "ask", null, ("question", "What did the alpha committee approve?")),
            await _bot.DiscordAsync(GuildB, "summarize", null, ("article", "alpha report")),
            await _bot.DiscordAsync(GuildB, "summarize", null, ("article", "1")),
            await _bot.DiscordAsync(GuildB, "forget", ManageServer, ("article", "alpha report")),
            await _bot.DiscordAsync(GuildB, "forget", ManageServer, ("article", "1")),
            await _bot.DiscordAutocompleteAsync(GuildB, "alpha"),
            await _bot.DiscordAutocompleteAsync(GuildB, "1"),
            await _bot.DiscordAsync(GuildB, "articles"),
        ];
        Assert.All(fromB, reply => Assert.DoesNotContain(alpha, reply, StringComparison.Ordinal));
        Assert.Contains(beta, fromB[^1], StringComparison.Ordinal);
        Assert.Contains("discord:" + GuildB, await _bot.DiscordAsync(GuildB, "library"), StringComparison.Ordinal);

        // The Slack workspace: its own, empty library.
        string[] fromSlack =
        [
            await _bot.SlackAsync("/search alpha committee harbour bridge"),
            await _bot.SlackAsync("What did the alpha committee approve?"),
            await _bot.SlackAsync("/summarize alpha report"),
            await _bot.SlackAsync("/forget alpha report"),
            await _bot.SlackAsync("/articles"),
        ];
        Assert.All(fromSlack, reply => Assert.DoesNotContain(alpha, reply, StringComparison.Ordinal));
        Assert.All(fromSlack, reply => Assert.DoesNotContain(beta, reply, StringComparison.Ordinal));

        // A sees nothing of B; C's admin may read acme but not change it, so alpha survives every attempt above.
        Assert.DoesNotContain(beta, await _bot.DiscordAsync(GuildA, "search", null, ("query", "beta committee harbour bridge")), StringComparison.Ordinal);
        Assert.Contains("Admins", await _bot.DiscordAsync(GuildC, "forget", ManageServer, ("article", "alpha report")), StringComparison.Ordinal);
        Assert.Contains(alpha, await _bot.DiscordAsync(GuildA, "articles"), StringComparison.Ordinal);
    }
}
