using ChatBot.Core.Chat;
using ChatBot.Core.Conversations;
using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.Retrieval.Storage.Conversations;

/// <summary>
/// Conversation turns, one row per turn, keyed by platform, channel and thread; on PostgreSQL shared by every replica,
/// so a follow-up answered on another replica sees the thread.
/// </summary>
public sealed class ConversationStore(SqlDatabase database) : IConversationStore
{
    public static readonly SqlMigration Migration = new("0010_conversation_turns", SqliteConversationSql.Schema, PostgresConversationSql.Schema);

    private const string Append = """
        INSERT INTO conversation_turns (platform, channel_id, thread_id, role, text, at)
        VALUES (@platform, @channel, @thread, @role, @text, @at)
        """;

    private const string Latest = """
        SELECT role, text, at FROM (
            SELECT id, role, text, at FROM conversation_turns
            WHERE platform = @platform AND channel_id = @channel AND thread_id = @thread
            ORDER BY id DESC LIMIT @limit) latest
        ORDER BY id
        """;

    public async Task AppendAsync(string platform, string channelId, string threadId, ConversationTurn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var text = turn.Text.Length > IConversationStore.MaxTurnLength ? turn.Text[..IConversationStore.MaxTurnLength] : turn.Text;
        await database.ExecuteAsync(
            Append,
            [("platform", platform), ("channel", channelId), ("thread", threadId), ("role", turn.Role.ToString()), ("text", text), ("at", database.Time(turn.At))],
            cancellationToken);
    }

    public Task<IReadOnlyList<ConversationTurn>> GetTurnsAsync(string platform, string channelId, string threadId, int limit, CancellationToken cancellationToken) =>
        database.QueryAsync(
            Latest,
            [("platform", platform), ("channel", channelId), ("thread", threadId), ("limit", limit)],
            reader => new ConversationTurn(Enum.Parse<ConversationRole>(reader.GetString(0)), reader.GetString(1), database.ReadTime(reader, 2)),
            cancellationToken);
}
