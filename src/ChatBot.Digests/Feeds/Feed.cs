namespace ChatBot.Digests.Feeds;

/// <summary>A feed subscription of one channel, with its conditional-GET state and failure streak. Its items go into <see cref="Library"/>.</summary>
public sealed record Feed(
    long Id,
    string Url,
    string Platform,
    string ChannelId,
    string? Title,
    string? ETag,
    DateTimeOffset? LastModified,
    int FailureCount,
    DateTimeOffset? FailingSince,
    string? LastError, // while FailureCount is 0: the last full read's warning, if any
    bool FailureNotified,
    DateTimeOffset NextPollAt,
    DateTimeOffset? LastPolledAt,
    DateTimeOffset CreatedAt)
{
    /// <summary>The library the feed belongs to: its items are ingested there, and only that library's admins may change it.</summary>
    public string Library { get; init; } = Core.Libraries.LibraryNames.Local;

    public string DisplayName => string.IsNullOrWhiteSpace(Title) ? Url : Title;
}
