using System.Globalization;
using ChatBot.Core.Chat;
using ChatBot.Core.Conversations;
using ChatBot.IntegrationTests.Retrieval.Storage.Sql;
using ChatBot.Retrieval.Storage.Conversations;
using ChatBot.Retrieval.Storage.Sql;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.IntegrationTests.Retrieval.Storage.Conversations;

/// <summary>What every <see cref="IConversationStore"/> must do; two store instances stand for two replicas.</summary>
public abstract class ConversationStoreContractTests(SqlDialect dialect) : IAsyncLifetime
{
    private const string Library = "slack:T1";

    private static readonly DateTimeOffset At = DateTimeOffset.Parse("2026-05-01T10:00:00Z", CultureInfo.InvariantCulture);

    protected IConversationStore ReplicaA { get; private set; } = null!;

    protected IConversationStore ReplicaB { get; private set; } = null!;

    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(dialect);
        await _database.MigrateAsync(new FakeTimeProvider(), ConversationStore.Migration, ConversationStore.LibrariesMigration("local"));
        ReplicaA = new ConversationStore(_database.Open());
        ReplicaB = new ConversationStore(_database.Open());
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task GetTurns_LatestTurnsOfThatThreadOnly_OldestFirst()
    {
        for (var i = 1; i <= 5; i++)
        {
            await ReplicaA.AppendAsync(Library, "slack", "C1", "T1", new ConversationTurn(i % 2 == 1 ? ConversationRole.User : ConversationRole.Bot, $"turn {i}", At.AddMinutes(i)), default);
        }

        await ReplicaA.AppendAsync(Library, "slack", "C1", "T2", new ConversationTurn(ConversationRole.User, "other thread", At), default);

        var turns = await ReplicaA.GetTurnsAsync(Library, "slack", "C1", "T1", 3, default);

        Assert.Equal(["turn 3", "turn 4", "turn 5"], turns.Select(t => t.Text));
        Assert.Equal(ConversationRole.Bot, turns[1].Role);
        Assert.Equal(At.AddMinutes(5), turns[2].At);
        Assert.Empty(await ReplicaA.GetTurnsAsync(Library, "slack", "C1", "T3", 3, default));
    }

    [Fact]
    public async Task GetTurns_OnReplicaB_SeesTurnsWrittenOnReplicaA()
    {
        await ReplicaA.AppendAsync(Library, "slack", "C1", "T1", new ConversationTurn(ConversationRole.User, "what is a platypus?", At), default);
        await ReplicaA.AppendAsync(Library, "slack", "C1", "T1", new ConversationTurn(ConversationRole.Bot, "A semiaquatic mammal.", At.AddSeconds(2)), default);

        var turns = await ReplicaB.GetTurnsAsync(Library, "slack", "C1", "T1", 10, default);

        Assert.Equal(["what is a platypus?", "A semiaquatic mammal."], turns.Select(t => t.Text));
    }

    [Fact]
    public async Task Append_VeryLongTurn_KeepsTheStart()
    {
        var text = new string('a', 5000);

        await ReplicaA.AppendAsync(Library, "slack", "C1", "T1", new ConversationTurn(ConversationRole.Bot, text, At), default);

        Assert.Equal(text[..4000], Assert.Single(await ReplicaB.GetTurnsAsync(Library, "slack", "C1", "T1", 10, default)).Text);
    }

    [Fact]
    public async Task GetTurns_SameChannelAndThreadIdsInAnotherLibrary_SeesNoneOfItsTurns()
    {
        await ReplicaA.AppendAsync("discord:1", "discord", "C1", "T1", new ConversationTurn(ConversationRole.User, "guild one's secret plan", At), default);
        await ReplicaA.AppendAsync("discord:2", "discord", "C1", "T1", new ConversationTurn(ConversationRole.User, "guild two's question", At), default);

        Assert.Equal(["guild one's secret plan"], (await ReplicaB.GetTurnsAsync("discord:1", "discord", "C1", "T1", 10, default)).Select(t => t.Text));
        Assert.Equal(["guild two's question"], (await ReplicaB.GetTurnsAsync("discord:2", "discord", "C1", "T1", 10, default)).Select(t => t.Text));
        Assert.Empty(await ReplicaB.GetTurnsAsync("discord:3", "discord", "C1", "T1", 10, default));
    }
}
