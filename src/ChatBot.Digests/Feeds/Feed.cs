namespace ChatBot.Digests.Feeds;

/// <summary>A feed subscription of one channel, with its conditional-GET state and failure streak.</summary>
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
    string? LastError,
    bool FailureNotified,
    DateTimeOffset NextPollAt,
    DateTimeOffset? LastPolledAt,
    DateTimeOffset CreatedAt)
{
    public string DisplayName => string.IsNullOrWhiteSpace(Title) ? Url : Title;
}
