namespace ChatBot.Soak;

/// <summary>One row of the bot's <c>digest_posts</c> table: a claimed (channel, slot) and the ids of the parts it posted.</summary>
public sealed record DigestRow(
    DateTimeOffset Slot,
    string Status,
    bool CatchUp,
    int MissedSlots,
    int PartsPosted,
    IReadOnlyList<string> MessageIds,
    int Attempts,
    int ItemCount);
