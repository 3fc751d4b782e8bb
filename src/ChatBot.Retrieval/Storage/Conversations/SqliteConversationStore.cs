using System.Globalization;
using ChatBot.Core.Chat;
using ChatBot.Core.Conversations;
using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.Retrieval.Storage.Conversations;

/// <summary>Conversation turns in SQLite, one row per turn, keyed by platform, channel and thread.</summary>
public sealed class SqliteConversationStore(SqliteConnectionFactory connections) : IConversationStore
{
    public static readonly SqliteMigration Migration = new("0010_conversation_turns", """
        CREATE TABLE IF NOT EXISTS conversation_turns (
            id INTEGER PRIMARY KEY,
            platform TEXT NOT NULL,
            channel_id TEXT NOT NULL,
            thread_id TEXT NOT NULL,
            role TEXT NOT NULL,
            text TEXT NOT NULL,
            at TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS conversation_turns_thread ON conversation_turns(platform, channel_id, thread_id, id);
        """);

    public async Task AppendAsync(string platform, string channelId, string threadId, ConversationTurn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO conversation_turns (platform, channel_id, thread_id, role, text, at)
            VALUES ($platform, $channel, $thread, $role, $text, $at)
            """;
        command.Parameters.AddWithValue("$platform", platform);
        command.Parameters.AddWithValue("$channel", channelId);
        command.Parameters.AddWithValue("$thread", threadId);
        command.Parameters.AddWithValue("$role", turn.Role.ToString());
        command.Parameters.AddWithValue("$text", turn.Text.Length > IConversationStore.MaxTurnLength ? turn.Text[..IConversationStore.MaxTurnLength] : turn.Text);
        command.Parameters.AddWithValue("$at", turn.At.ToString("O", CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ConversationTurn>> GetTurnsAsync(string platform, string channelId, string threadId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT role, text, at FROM (
                SELECT id, role, text, at FROM conversation_turns
                WHERE platform = $platform AND channel_id = $channel AND thread_id = $thread
                ORDER BY id DESC LIMIT $limit)
            ORDER BY id
            """;
        command.Parameters.AddWithValue("$platform", platform);
        command.Parameters.AddWithValue("$channel", channelId);
        command.Parameters.AddWithValue("$thread", threadId);
        command.Parameters.AddWithValue("$limit", limit);
        var turns = new List<ConversationTurn>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var role = Enum.Parse<ConversationRole>(reader.GetString(0));
            var at = DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
            turns.Add(new ConversationTurn(role, reader.GetString(1), at));
        }

        return turns;
    }
}
