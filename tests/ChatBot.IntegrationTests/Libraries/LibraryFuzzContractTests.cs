using System.Globalization;
using ChatBot.Core.Chat;
using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.IntegrationTests.Libraries;

/// <summary>
/// Random commands (seeded, so a failure replays) from two Discord servers and a Slack workspace, each with its own
/// library: every reply is checked to hold no id, title or quote of another library's articles.
/// </summary>
public abstract class LibraryFuzzContractTests(SqlDialect dialect) : IAsyncLifetime
{
    private const int Commands = 90;
    private LibraryBot _bot = null!;

    public async Task InitializeAsync() => _bot = await LibraryBot.StartAsync(dialect);

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Theory]
    [InlineData(16)]
    [InlineData(1616)]
    public async Task RandomCommands_ThreeLibraries_NoReplyShowsAnotherLibrarysArticle(int seed)
    {
        var random = new Random(seed);
        var places = new[]
        {
            new Place("alpha", (c, a, admin) => _bot.DiscordAsync(LibraryBot.GuildA, c, a, admin)),
            new Place("bravo", (c, a, admin) => _bot.DiscordAsync(LibraryBot.GuildB, c, a, admin)),
            new Place("sierra", (c, a, admin) => _bot.SlackAsync(c, a, admin)),
        };
        var owner = new Dictionary<long, Place>();
        var names = new List<(string Name, Place Place)>();
        foreach (var place in places)
        {
            for (var i = 0; i < 2; i++)
            {
                await AddAsync(place, owner, names);
            }
        }

        for (var step = 0; step < Commands; step++)
        {
            var place = places[random.Next(places.Length)];
            var anyId = owner.Keys.ElementAt(random.Next(owner.Count)).ToString(CultureInfo.InvariantCulture);
            var anyName = names[random.Next(names.Count)].Name;
            var (command, argument, admin) = random.Next(10) switch
            {
                0 => (ChatCommand.Ask, $"What did the {anyName} committee approve?", false),
                1 => (ChatCommand.Ask, "How long will the bridge repairs take?", false),
                2 => (ChatCommand.Search, anyName + " harbour bridge", false),
                3 => (ChatCommand.Summarize, anyId, false),
                4 => (ChatCommand.Summarize, anyName + " report", false),
                5 => (ChatCommand.Articles, string.Empty, false),
                6 => (ChatCommand.Forget, anyId, true),
                7 => (ChatCommand.Digest, string.Empty, false),
                8 => (ChatCommand.Search, "committee budget mayor", false),
                _ => (ChatCommand.Add, string.Empty, true),
            };
            if (command == ChatCommand.Add)
            {
                await AddAsync(place, owner, names);
                continue;
            }

            var reply = await place.RunAsync(command, argument, admin);
            AssertOwn(reply, place, places, owner, $"seed {seed}, step {step}: {place.Prefix} /{command} {argument}");
            if (command == ChatCommand.Forget && reply.Kind == ReplyKind.Info)
            {
                Assert.Same(place, owner[long.Parse(anyId, CultureInfo.InvariantCulture)]);
            }
        }
    }

    private static void AssertOwn(ChatReply reply, Place place, Place[] places, Dictionary<long, Place> owner, string because)
    {
        var shown = LibraryIsolationContractTests.Flatten(reply);
        foreach (var other in places.Where(p => p != place))
        {
            Assert.False(shown.Contains(LibraryBot.Secret(other.Prefix), StringComparison.Ordinal), $"{because}: shows {other.Prefix}'s text:\n{shown}");
        }

        foreach (var (id, of) in owner.Where(o => o.Value != place))
        {
            Assert.False(shown.Contains("#" + id.ToString(CultureInfo.InvariantCulture) + " ", StringComparison.Ordinal), $"{because}: shows {of.Prefix}'s article #{id}:\n{shown}");
        }

        Assert.All(reply.Citations, c => Assert.Same(place, owner[c.ArticleId]));
    }

    private async Task AddAsync(Place place, Dictionary<long, Place> owner, List<(string, Place)> names)
    {
        var name = place.Prefix + place.Added++.ToString(CultureInfo.InvariantCulture);
        var reply = await place.RunAsync(ChatCommand.Add, _bot.PageUrl(name), true);
        Assert.True(reply.Kind == ReplyKind.Info, reply.Text);
        owner[long.Parse(reply.Text.Split('#')[1].Split(' ')[0], CultureInfo.InvariantCulture)] = place;
        names.Add((name, place));
    }

    private sealed class Place(string prefix, Func<ChatCommand, string, bool, Task<ChatReply>> run)
    {
        public string Prefix { get; } = prefix;

        public int Added { get; set; }

        public Task<ChatReply> RunAsync(ChatCommand command, string argument, bool admin) => run(command, argument, admin);
    }
}
