namespace ChatBot.Digests.Storage;

/// <summary>
/// The (channel, slot) claims that make a digest post happen exactly once, across every scheduler on the store.
/// A claim is a row with a unique (platform, channel, slot) key, inserted before composing; its lease lets another
/// scheduler (or this one after a restart) take over a slot whose claimer crashed; a failed post keeps the row and
/// moves the lease to the next retry time.
/// </summary>
public interface IDigestPostLog
{
    /// <summary>The latest slot recorded for the channel in any state; scheduling continues after it.</summary>
    Task<DateTimeOffset?> GetLastSlotAsync(string platform, string channelId, CancellationToken cancellationToken);

    /// <summary>The end of the last digest actually delivered (posted or empty): a preview starts here.</summary>
    Task<DateTimeOffset?> GetWatermarkAsync(string platform, string channelId, CancellationToken cancellationToken);

    /// <summary>
    /// Claims a slot: one statement inserts the row (or nothing, when any scheduler already recorded this slot), with the
    /// window starting where the channel's previous live digest ended. Null when the slot was already claimed.
    /// </summary>
    Task<DigestPost?> TryClaimAsync(
        string library, string platform, string channelId, DateTimeOffset slot, bool catchUp, int missedSlots, string owner,
        DateTimeOffset now, DateTimeOffset leaseUntil, DateTimeOffset firstWindowStart, CancellationToken cancellationToken);

    /// <summary>Claims whose lease ran out: a crashed claimer, or a failed post whose retry time has come.</summary>
    Task<IReadOnlyList<DigestPost>> ListRetryableAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Takes over an expired claim; null when another scheduler took it first.</summary>
    Task<DigestPost?> TryReclaimAsync(long id, string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>Records one delivered part (so a retry resumes after it); false when the claim was lost.</summary>
    Task<bool> MarkPartPostedAsync(long id, string owner, int partsPosted, string messageId, CancellationToken cancellationToken);

    /// <summary>Marks the slot done: <see cref="DigestPost.Posted"/> or <see cref="DigestPost.Empty"/>.</summary>
    Task<bool> CompleteAsync(long id, string owner, string status, int itemCount, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>A failed attempt: releases the claim until <paramref name="retryAt"/>, or gives up (status failed).</summary>
    Task<bool> RecordFailureAsync(long id, string owner, string error, DateTimeOffset retryAt, bool giveUp, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Every recorded slot of a channel, oldest first.</summary>
    Task<IReadOnlyList<DigestPost>> ListAsync(string platform, string channelId, CancellationToken cancellationToken);
}
