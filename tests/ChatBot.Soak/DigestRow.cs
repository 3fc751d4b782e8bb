using System.Data.Common;

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
    int ItemCount)
{
    /// <summary>
    /// A row of <c>SELECT slot, status, catch_up, missed_slots, parts_posted, message_ids, attempts, item_count</c>; the
    /// slot and the catch-up flag are read by the caller (their types differ between SQLite and PostgreSQL).
    /// </summary>
    public static DigestRow Read(DbDataReader reader, DateTimeOffset slot, bool catchUp)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new DigestRow(
            slot,
            reader.GetString(1),
            catchUp,
            reader.GetInt32(3),
            reader.GetInt32(4),
            reader.IsDBNull(5) ? [] : reader.GetString(5).Split(',', StringSplitOptions.RemoveEmptyEntries),
            reader.GetInt32(6),
            reader.GetInt32(7));
    }
}
