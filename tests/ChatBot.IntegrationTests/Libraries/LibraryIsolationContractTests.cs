using System.Globalization;
using ChatBot.Core.Chat;
using ChatBot.Digests.Feeds;
using ChatBot.Retrieval.Storage.Sql;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.IntegrationTests.Libraries;

/// <summary>
/// Two Discord servers and a Slack workspace on one bot: what one adds, another can neither find, search, summarise,
/// list nor forget; one's admin cannot change another's feeds or schedule; a digest lists only its library's articles;
/// a configured mapping makes two servers share one library. Run on SQLite and PostgreSQL by the subclasses.
/// </summary>
public abstract class LibraryIsolationContractTests(SqlDialect dialect) : IAsyncLifetime
{
    private LibraryBot _bot = null!;

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        // Guild C shares guild A's library "acme"; only A's admins may change it.
        ["Libraries:Named:acme:DiscordGuilds:0"] = LibraryBot.GuildA,
        ["Libraries:Named:acme:DiscordGuilds:1"] = LibraryBot.GuildC,
        ["Libraries:Named:acme:Admins:0"] = "discord:" + LibraryBot.GuildA,
    };

    public async Task InitializeAsync() => _bot = await LibraryBot.StartAsync(dialect, Settings);

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task Add_InGuildA_OtherGuildAndSlackCannotFindSearchSummarizeListOrForgetIt()
    {
        var added = await AddAsync(LibraryBot.GuildA, "alderney");
        var id = added.ToString(CultureInfo.InvariantCulture);

        foreach (var ask in new Func<ChatCommand, string, bool, Task<ChatReply>>[]
        {
            (c, a, admin) => _bot.DiscordAsync(LibraryBot.GuildB, c, a, admin),
            (c, a, admin) => _bot.SlackAsync(c, a, admin),
        })
        {
            var search = await ask(ChatCommand.Search, "alderney harbour bridge", false);
            var answer = await ask(ChatCommand.Ask, "What did the alderney committee approve?", false);
            var byId = await ask(ChatCommand.Summarize, id, false);
            var byTitle = await ask(ChatCommand.Summarize, "alderney report", false);
            var list = await ask(ChatCommand.Articles, string.Empty, false);
            var forget = await ask(ChatCommand.Forget, id, true);

            foreach (var reply in new[] { search, answer, byId, byTitle, list, forget })
            {
                Assert.DoesNotContain(LibraryBot.Secret("alderney"), Flatten(reply), StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("#" + id + " ", Flatten(reply), StringComparison.Ordinal);
                Assert.Empty(reply.Citations);
            }

            Assert.Equal(ReplyKind.Refusal, forget.Kind);
        }

        var stillThere = await _bot.DiscordAsync(LibraryBot.GuildA, ChatCommand.Summarize, id);
        Assert.Equal(ReplyKind.Summary, stillThere.Kind);
        Assert.Contains(LibraryBot.Secret("alderney"), Flatten(stillThere), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_EachLibraryAnswersFromItsOwnArticleOnly()
    {
        await AddAsync(LibraryBot.GuildA, "alderney");
        await AddAsync(LibraryBot.GuildB, "brecqhou");
        await _bot.SlackAsync(ChatCommand.Add, _bot.PageUrl("sark"), admin: true);

        var a = await _bot.DiscordAsync(LibraryBot.GuildA, ChatCommand.Ask, "How long will the bridge repairs take?");
        var b = await _bot.DiscordAsync(LibraryBot.GuildB, ChatCommand.Ask, "How long will the bridge repairs take?");
        var s = await _bot.SlackAsync(ChatCommand.Ask, "How long will the bridge repairs take?");

        Assert.All(a.Citations, c => Assert.StartsWith("alderney", c.Title, StringComparison.Ordinal));
        Assert.All(b.Citations, c => Assert.StartsWith("brecqhou", c.Title, StringComparison.Ordinal));
        Assert.All(s.Citations, c => Assert.StartsWith("sark", c.Title, StringComparison.Ordinal));
        Assert.NotEmpty(a.Citations);
        Assert.NotEmpty(b.Citations);
        Assert.NotEmpty(s.Citations);
    }

    [Fact]
    public async Task Add_SameUrlInTwoLibraries_TwoArticlesEncodedOnce()
    {
        var inA = await AddAsync(LibraryBot.GuildA, "herm");
        var encoded = _bot.Embeddings.TextsEmbedded;

        var inB = await AddAsync(LibraryBot.GuildB, "herm");

        Assert.NotEqual(inA, inB);
        Assert.Equal(encoded, _bot.Embeddings.TextsEmbedded);
        var forgotInB = await _bot.DiscordAsync(LibraryBot.GuildB, ChatCommand.Forget, inB.ToString(CultureInfo.InvariantCulture), admin: true);
        Assert.Equal(ReplyKind.Info, forgotInB.Kind);
        Assert.Contains("herm", Flatten(await _bot.DiscordAsync(LibraryBot.GuildA, ChatCommand.Articles, string.Empty)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SharedMapping_GuildCSeesGuildAsArticleButItsAdminCannotChangeIt()
    {
        var added = await AddAsync(LibraryBot.GuildA, "jethou");

        var seen = await _bot.DiscordAsync(LibraryBot.GuildC, ChatCommand.Articles, string.Empty);
        var forget = await _bot.DiscordAsync(LibraryBot.GuildC, ChatCommand.Forget, added.ToString(CultureInfo.InvariantCulture), admin: true);
        var addFeed = await _bot.DiscordAsync(LibraryBot.GuildC, ChatCommand.Feeds, "add " + _bot.FeedUrl("jethou"), admin: true);
        var schedule = await _bot.DiscordAsync(LibraryBot.GuildC, ChatCommand.Schedule, "set \"0 8 * * *\" UTC", admin: true);

        Assert.Contains("jethou", Flatten(seen), StringComparison.Ordinal);
        Assert.Contains("Library acme", seen.Title, StringComparison.Ordinal);
        Assert.All([forget, addFeed, schedule], r => Assert.Equal(ReplyKind.Refusal, r.Kind));
        Assert.Contains("jethou", Flatten(await _bot.DiscordAsync(LibraryBot.GuildA, ChatCommand.Articles, string.Empty)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feeds_GuildBsAdminCannotListOrRemoveGuildAsFeedOrScheduleOff()
    {
        var subscribed = await _bot.DiscordAsync(LibraryBot.GuildA, ChatCommand.Feeds, "add " + _bot.FeedUrl("lihou"), admin: true);
        Assert.Equal(ReplyKind.Info, subscribed.Kind);
        var feedId = subscribed.Text.Split('#')[1].Split(' ')[0];
        await _bot.DiscordAsync(LibraryBot.GuildA, ChatCommand.Schedule, "set \"0 8 * * *\" UTC", admin: true);

        var listInB = await _bot.DiscordAsync(LibraryBot.GuildB, ChatCommand.Feeds, "list", admin: true);
        var removeInB = await _bot.DiscordAsync(LibraryBot.GuildB, ChatCommand.Feeds, "remove " + feedId, admin: true);
        var removeBySlack = await _bot.SlackAsync(ChatCommand.Feeds, "remove " + feedId, admin: true);
        var offInAsChannelFromB = await _bot.DiscordAsync(LibraryBot.GuildB, ChatCommand.Schedule, "off", admin: true, channel: "chan-" + LibraryBot.GuildA);

        Assert.DoesNotContain("lihou", Flatten(listInB), StringComparison.Ordinal);
        Assert.Equal(ReplyKind.Refusal, removeInB.Kind);
        Assert.Equal(ReplyKind.Refusal, removeBySlack.Kind);
        Assert.Contains("no digest schedule", offInAsChannelFromB.Text, StringComparison.Ordinal);
        Assert.Contains("lihou", Flatten(await _bot.DiscordAsync(LibraryBot.GuildA, ChatCommand.Feeds, "list", admin: true)), StringComparison.Ordinal);
        Assert.Contains("0 8 * * *", (await _bot.DiscordAsync(LibraryBot.GuildA, ChatCommand.Schedule, "show", admin: true)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FeedPoll_GuildAsFeed_ItemsGoIntoGuildAsLibraryOnly()
    {
        await _bot.DiscordAsync(LibraryBot.GuildA, ChatCommand.Feeds, "add " + _bot.FeedUrl("lihou"), admin: true);

        await _bot.Services.GetRequiredService<FeedPoller>().RunOnceAsync(CancellationToken.None);

        Assert.Contains(LibraryBot.Secret("lihou-item"), Flatten(await _bot.DiscordAsync(LibraryBot.GuildA, ChatCommand.Articles, string.Empty)), StringComparison.Ordinal);
        Assert.DoesNotContain(LibraryBot.Secret("lihou-item"), Flatten(await _bot.DiscordAsync(LibraryBot.GuildB, ChatCommand.Articles, string.Empty)), StringComparison.Ordinal);
        Assert.DoesNotContain(LibraryBot.Secret("lihou-item"), Flatten(await _bot.SlackAsync(ChatCommand.Search, "lihou harbour bridge")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Digest_ChannelWithoutFeeds_ListsOnlyItsLibrarysArticles()
    {
        await AddAsync(LibraryBot.GuildA, "alderney");
        await AddAsync(LibraryBot.GuildB, "brecqhou");
        await _bot.SlackAsync(ChatCommand.Add, _bot.PageUrl("sark"), admin: true);

        var digestA = await _bot.DiscordAsync(LibraryBot.GuildA, ChatCommand.Digest, string.Empty);
        var digestB = await _bot.DiscordAsync(LibraryBot.GuildB, ChatCommand.Digest, string.Empty);

        Assert.Contains("alderney", Flatten(digestA), StringComparison.Ordinal);
        Assert.DoesNotContain("brecqhou", Flatten(digestA), StringComparison.Ordinal);
        Assert.DoesNotContain("sark", Flatten(digestA), StringComparison.Ordinal);
        Assert.Contains("brecqhou", Flatten(digestB), StringComparison.Ordinal);
        Assert.DoesNotContain("alderney", Flatten(digestB), StringComparison.Ordinal);
    }

    /// <summary>Everything a reply shows: text, title, note, items and citations.</summary>
    internal static string Flatten(ChatReply reply) =>
        string.Join(
            '\n',
            new[] { reply.Text, reply.Title, reply.Note }
                .Concat(reply.Items.SelectMany(i => new[] { i.Title, i.Url, i.Text }))
                .Concat(reply.Citations.SelectMany(c => new[] { c.Title, c.Source, c.Url, c.Quote, "#" + c.ArticleId.ToString(CultureInfo.InvariantCulture) }))
                .OfType<string>());

    private async Task<long> AddAsync(string guild, string name)
    {
        var reply = await _bot.DiscordAsync(guild, ChatCommand.Add, _bot.PageUrl(name), admin: true);
        Assert.True(reply.Kind == ReplyKind.Info, reply.Text);
        return long.Parse(reply.Text.Split('#')[1].Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
