namespace ChatBot.Digests;

/// <summary>What the digest's header says: its date (in the channel's time zone) and why it is posted.</summary>
/// <param name="MissedSlots">For a catch-up digest, how many scheduled digests the bot missed while it was down.</param>
public sealed record DigestHeading(DateTimeOffset LocalDate, bool CatchUp = false, int MissedSlots = 0, bool Preview = false);
