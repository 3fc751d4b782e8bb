using ChatBot.Core.Chat;
using ChatBot.Core.Conversations;
using ChatBot.Retrieval.Storage.Sql;
using Npgsql;

namespace ChatBot.Retrieval.Storage.Conversations;

/// <summary>Conversation turns in PostgreSQL, shared by every replica: a follow-up answered on another replica sees the thread.</summary>
public sealed class PostgresConversationStore(PostgresConnectionFactory connections) : IConversationStore
{
    public static readonly PostgresMigration Migration = new("0010_conversation_turns", """
        CREATE TABLE IF NOT EXISTS conversation_turns (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            platform text NOT NULL,
            channel_id text NOT NULL,
            thread_id text NOT NULL,
            role text NOT NULL,
            text text NOT NULL,
            at timestamptz NOT NULL
        );
        CREATE INDEX IF NOT EXISTS conversation_turns_thread ON conversation_turns (platform, channel_id, thread_id, id);
        """);

    public async Task AppendAsync(string platform, string channelId, string threadId, ConversationTurn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var text = turn.Text.Length > IConversationStore.MaxTurnLength ? turn.Text[..IConversationStore.MaxTurnLength] : turn.Text;
        await connections.RunAsync(
            async (connection, ct) =>
            {
                await using var command = new NpgsqlCommand(
                    "INSERT INTO conversation_turns (platform, channel_id, thread_id, role, text, at) VALUES (@platform, @channel, @thread, @role, @text, @at)",
                    connection);
                command.Parameters.AddWithValue("platform", platform);
                command.Parameters.AddWithValue("channel", channelId);
                command.Parameters.AddWithValue("thread", threadId);
                command.Parameters.AddWithValue("role", turn.Role.ToString());
                command.Parameters.AddWithValue("text", text);
                command.Parameters.AddWithValue("at", turn.At.ToUniversalTime());
                return await command.ExecuteNonQueryAsync(ct);
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<ConversationTurn>> GetTurnsAsync(string platform, string channelId, string threadId, int limit, CancellationToken cancellationToken) =>
        connections.RunAsync<IReadOnlyList<ConversationTurn>>(
            async (connection, ct) =>
            {
                await using var command = new NpgsqlCommand(
                    """
                    SELECT role, text, at FROM (
                        SELECT id, role, text, at FROM conversation_turns
                        WHERE platform = @platform AND channel_id = @channel AND thread_id = @thread
                        ORDER BY id DESC LIMIT @limit) latest
                    ORDER BY id
                    """,
                    connection);
                command.Parameters.AddWithValue("platform", platform);
                command.Parameters.AddWithValue("channel", channelId);
                command.Parameters.AddWithValue("thread", threadId);
                command.Parameters.AddWithValue("limit", limit);
                var turns = new List<ConversationTurn>();
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    turns.Add(new ConversationTurn(Enum.Parse<ConversationRole>(reader.GetString(0)), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2)));
                }

                return turns;
            },
            cancellationToken);
}
