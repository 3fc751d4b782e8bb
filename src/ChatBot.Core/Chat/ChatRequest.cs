namespace ChatBot.Core.Chat;

/// <summary>
/// A platform-neutral request: what a person asked, where, and with which rights.
/// Adapters build it at the edge so the rest of the bot never sees a platform payload.
/// </summary>
/// <param name="Platform">"discord", "slack" or "console".</param>
/// <param name="ChannelId">Where the reply goes (for digests and feeds, the channel they belong to).</param>
/// <param name="ThreadId">A conversation thread (Slack thread_ts), when there is one.</param>
/// <param name="History">Earlier turns of the same thread, oldest first, for follow-up questions.</param>
public sealed record ChatRequest(
    string Platform,
    string ChannelId,
    string UserId,
    ChatCommand Command,
    string Argument,
    bool IsAdmin,
    string CorrelationId,
    string? ThreadId = null,
    IReadOnlyList<ConversationTurn>? History = null)
{
    /// <summary>
    /// Set by platforms that can show an answer while it is written (by editing a message): called with the growing,
    /// unchecked answer text, at most about once per second. The final <see cref="ChatReply"/> returned by the handler
    /// replaces it. Null where a platform cannot edit (the console, Slack slash commands); handlers never require it.
    /// </summary>
    public Func<string, CancellationToken, Task>? OnPartialAnswer { get; init; }

    /// <summary>
    /// The place the request came from, filled by the platform: the Discord guild id (null in a DM), the Slack team id;
    /// at the console, the library named by <c>--library</c> (null: <c>Libraries:Default</c>).
    /// </summary>
    public string? Workspace { get; init; }

    /// <summary>
    /// The library every read and change of this request is confined to. Platforms leave it null: the command router sets
    /// it from <see cref="Workspace"/> and the channel (<c>ChatBot.Core.Libraries.LibraryMap</c>) before running the command.
    /// </summary>
    public string? Library { get; init; }
}

/// <summary>One turn of a conversation thread.</summary>
public sealed record ConversationTurn(ConversationRole Role, string Text, DateTimeOffset At);

public enum ConversationRole
{
    User,
    Bot,
}
