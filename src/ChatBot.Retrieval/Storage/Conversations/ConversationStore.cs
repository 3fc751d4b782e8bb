using ChatBot.Core.Chat;
using ChatBot.Core.Conversations;
using ChatBot.Retrieval.Storage.Sql;

namespace ChatBot.Retrieval.Storage.Conversations;

/// <summary>
/// Conversation turns, one row per turn, keyed by library, platform, channel and thread; on PostgreSQL shared by every
/// replica, so a follow-up answered on another replica sees the thread.
/// </summary>
public sealed class ConversationStore(SqlDatabase database) : IConversationStore
{
    public static readonly SqlMigration Migration = new("0010_conversation_turns", SqliteConversationSql.Schema, PostgresConversationSql.Schema);

    /// <summary>Registered right after <see cref="Migration"/>: turns carry their library; existing ones go into <paramref name="defaultLibrary"/>.</summary>
    public static SqlMigration LibrariesMigration(string defaultLibrary) =>
        SqlMigration.IntoLibrary("0022_conversation_libraries", SqliteConversationSql.LibrariesMigration, PostgresConversationSql.LibrariesMigration, defaultLibrary);

    private const string Append = """
        INSERT INTO conversation_turns (library, platform, channel_id, thread_id, role, text, at)
        VALUES (@library, @platform, @channel, @thread, @role, @text, @at)
        """;

    private const string Latest = """
        SELECT role, text, at FROM (
            SELECT id, role, text, at FROM conversation_turns
            WHERE library = @library AND platform = @platform AND channel_id = @channel AND thread_id = @thread
            ORDER BY id DESC LIMIT @limit) latest
        ORDER BY id
        """;

    public async Task AppendAsync(string library, string platform, string channelId, string threadId, ConversationTurn turn, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(library);
        ArgumentNullException.ThrowIfNull(turn);
        var text = turn.Text.Length > IConversationStore.MaxTurnLength ? turn.Text[..IConversationStore.MaxTurnLength] : turn.Text;
        await database.ExecuteAsync(
            Append,
            [("library", library), ("platform", platform), ("channel", channelId), ("thread", threadId), ("role", turn.Role.ToString()), ("text", text), ("at", database.Time(turn.At))],
            cancellationToken);
    }

    public Task<IReadOnlyList<ConversationTurn>> GetTurnsAsync(string library, string platform, string channelId, string threadId, int limit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(library);
        return database.QueryAsync(
            Latest,
            [("library", library), ("platform", platform), ("channel", channelId), ("thread", threadId), ("limit", limit)],
            reader => new ConversationTurn(Enum.Parse<ConversationRole>(reader.GetString(0)), reader.GetString(1), database.ReadTime(reader, 2)),
            cancellationToken);
    }
}
