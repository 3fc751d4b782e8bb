namespace ChatBot.Soak;

/// <summary>
/// The digest slots of one platform in a run: how many fell due between the schedule's start and the end of the load,
/// how many were posted exactly once (every part, none twice), doubled or skipped, and what the faults did to them.
/// </summary>
public sealed record DigestSlotStats(
    string Platform,
    string Channel,
    int EverySeconds,
    int SlotsDue,
    int PostedOnce,
    int Doubled,
    int Skipped,
    int MergedIntoCatchUp,
    int Empty,
    int Retried,
    int Refused,
    int Messages,
    int Stories,
    TimeSpan LatestArrival,
    IReadOnlyList<string> Problems)
{
    public bool Passed => Doubled == 0 && Skipped == 0 && PostedOnce == SlotsDue;
}
