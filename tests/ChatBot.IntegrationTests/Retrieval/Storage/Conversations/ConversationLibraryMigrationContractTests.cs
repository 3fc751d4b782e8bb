using System.Globalization;
using ChatBot.Core.Chat;
using ChatBot.IntegrationTests.Retrieval.Storage.Sql;
using ChatBot.Retrieval.Storage.Conversations;
using ChatBot.Retrieval.Storage.Sql;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.IntegrationTests.Retrieval.Storage.Conversations;

/// <summary>
/// The upgrade of conversation turns to libraries (migration 0022) on a database written before it: every turn is kept,
/// in order, in the default library, and no other library sees it. Run against SQLite and PostgreSQL by the subclasses.
/// </summary>
public abstract class ConversationLibraryMigrationContractTests(SqlDialect dialect) : IAsyncLifetime
{
    private static readonly DateTimeOffset At = DateTimeOffset.Parse("2026-05-01T10:00:00Z", CultureInfo.InvariantCulture);
    private readonly FakeTimeProvider _time = new(At);
    private TestDatabase _database = null!;
    private SqlDatabase _sql = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(dialect);
        _sql = _database.Open();
        await _database.MigrateAsync(_time, ConversationStore.Migration);
        for (var i = 0; i < 3; i++)
        {
            await _sql.ExecuteAsync(
                "INSERT INTO conversation_turns (platform, channel_id, thread_id, role, text, at) VALUES ('slack', 'C1', 'T1', @role, @text, @at)",
                [("role", i % 2 == 0 ? "User" : "Bot"), ("text", $"turn {i}"), ("at", _sql.Time(At.AddMinutes(i)))],
                CancellationToken.None);
        }
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Migrate_TodaysTurns_KeepsEveryTurnInTheDefaultLibraryOnly()
    {
        await _database.MigrateAsync(_time, ConversationStore.Migration, ConversationStore.LibrariesMigration("acme"));
        var store = new ConversationStore(_sql);

        var turns = await store.GetTurnsAsync("acme", "slack", "C1", "T1", 10, default);

        Assert.Equal(["turn 0", "turn 1", "turn 2"], turns.Select(t => t.Text));
        Assert.Equal([ConversationRole.User, ConversationRole.Bot, ConversationRole.User], turns.Select(t => t.Role));
        Assert.Empty(await store.GetTurnsAsync("slack:T1", "slack", "C1", "T1", 10, default));

        // Migrating again (another replica starting) changes nothing; new turns need a library.
        await _database.MigrateAsync(_time, ConversationStore.Migration, ConversationStore.LibrariesMigration("acme"));
        await store.AppendAsync("slack:T1", "slack", "C1", "T1", new ConversationTurn(ConversationRole.User, "new", At.AddHours(1)), default);
        Assert.Equal(3, (await store.GetTurnsAsync("acme", "slack", "C1", "T1", 10, default)).Count);
        Assert.Equal(["new"], (await store.GetTurnsAsync("slack:T1", "slack", "C1", "T1", 10, default)).Select(t => t.Text));
    }
}
