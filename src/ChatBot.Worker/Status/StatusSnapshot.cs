namespace ChatBot.Worker.Status;

/// <summary>
/// What the status page shows, read at the request: nothing in it names a user, and channels and feed addresses are
/// shown without anything that could identify a person or carry a secret (see <see cref="StatusRedaction"/>).
/// </summary>
public sealed record StatusSnapshot(
    DateTimeOffset GeneratedAt,
    string Health,
    int IndexChunks,
    IReadOnlyList<LibraryStatus> Libraries,
    IReadOnlyList<FeedStatus> Feeds,
    IReadOnlyList<ScheduleStatus> Schedules,
    QuestionsPerHour? Questions,
    IReadOnlyList<GapStatus>? Gaps);

public sealed record LibraryStatus(string Name, int Articles);

/// <param name="Address">The feed's address without its query, fragment or credentials.</param>
/// <param name="Failures">Polls failed in a row (0: working).</param>
public sealed record FeedStatus(
    string Library, string Title, string Address, string Platform, string Channel, int Failures, DateTimeOffset? FailingSince, string? Problem, DateTimeOffset? LastPolledAt, DateTimeOffset NextPollAt);

/// <param name="NextRun">The next slot (null when the cron or time zone cannot be read).</param>
public sealed record ScheduleStatus(string Library, string Platform, string Channel, string Cron, string TimeZone, DateTimeOffset? NextRun);

/// <summary>Questions asked in each of the last hours, oldest first; <see cref="FirstHour"/> is the start of the first.</summary>
public sealed record QuestionsPerHour(DateTimeOffset FirstHour, IReadOnlyList<int> Counts)
{
    public int Total => Counts.Sum();
}

/// <summary>A question (with its rephrasings) the library could not answer this week, and the closest article.</summary>
public sealed record GapStatus(string Library, string Question, int Times, string? ClosestArticle);
