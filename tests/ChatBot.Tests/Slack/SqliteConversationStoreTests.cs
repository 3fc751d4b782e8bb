using ChatBot.Core.Chat;
using ChatBot.Retrieval.Storage;
using ChatBot.Retrieval.Storage.Conversations;
using ChatBot.Retrieval.Storage.Sql;
using Microsoft.Extensions.Options;

namespace ChatBot.Tests.Slack;

public sealed class SqliteConversationStoreTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "chatbot-conv-" + Guid.NewGuid().ToString("N"));

    private async Task<SqliteConversationStore> CreateAsync()
    {
        var connections = new SqliteConnectionFactory(Options.Create(new StorageOptions { DataDirectory = _directory }));
        await using var connection = await connections.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = SqliteConversationStore.Migration.Sql;
        await command.ExecuteNonQueryAsync();
        return new SqliteConversationStore(connections);
    }

    [Fact]
    public async Task GetTurnsAsync_LatestTurnsOfThatThreadOnly_OldestFirst()
    {
        var store = await CreateAsync();
        var at = DateTimeOffset.Parse("2026-05-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 1; i <= 5; i++)
        {
            await store.AppendAsync("slack", "C1", "T1", new ConversationTurn(i % 2 == 1 ? ConversationRole.User : ConversationRole.Bot, $"turn {i}", at.AddMinutes(i)), CancellationToken.None);
        }

        await store.AppendAsync("slack", "C1", "T2", new ConversationTurn(ConversationRole.User, "other thread", at), CancellationToken.None);

        var turns = await store.GetTurnsAsync("slack", "C1", "T1", 3, CancellationToken.None);

        Assert.Equal(["turn 3", "turn 4", "turn 5"], turns.Select(t => t.Text));
        Assert.Equal(ConversationRole.Bot, turns[1].Role);
        Assert.Equal(at.AddMinutes(5), turns[2].At);
        Assert.Empty(await store.GetTurnsAsync("slack", "C1", "T3", 3, CancellationToken.None));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
