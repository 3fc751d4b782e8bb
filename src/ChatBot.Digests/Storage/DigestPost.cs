namespace ChatBot.Digests.Storage;

/// <summary>
/// The record of one (channel, slot): claimed before the digest is composed, posted part by part, then marked.
/// The window (start, end] of ingestion times is fixed at claim so a retry posts the same digest.
/// </summary>
public sealed record DigestPost(
    long Id,
    string Platform,
    string ChannelId,
    DateTimeOffset Slot,
    string Status,
    DateTimeOffset LeaseUntil,
    int Attempts,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    bool CatchUp,
    int MissedSlots,
    int PartsPosted)
{
    /// <summary>Being composed or posted (lease held), or waiting for a retry (lease = earliest retry time).</summary>
    public const string Claimed = "claimed";

    /// <summary>The library the window is read from (the schedule's, fixed at claim).</summary>
    public string Library { get; init; } = Core.Libraries.LibraryNames.Local;

    public const string Posted = "posted";

    /// <summary>Nothing new in the window: nothing (or only the "nothing new" line) was posted.</summary>
    public const string Empty = "empty";

    /// <summary>Gave up after the configured attempts; its window rolls into the next digest.</summary>
    public const string Failed = "failed";
}
