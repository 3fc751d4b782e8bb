namespace ChatBot.Core.Stats;

/// <summary>Read-only figures over the question log, per library (null: every library), for /stats and the status page.</summary>
public interface IChatStats
{
    /// <summary>The questions asked in [<paramref name="from"/>, <paramref name="to"/>) and the votes on their answers.</summary>
    Task<StatsSummary> SummarizeAsync(string? library, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>
    /// Questions per hour for the <paramref name="hours"/> whole hours ending with the one holding <paramref name="to"/>,
    /// oldest first (so the last entry is the current, partial hour).
    /// </summary>
    Task<IReadOnlyList<int>> QuestionsPerHourAsync(string? library, DateTimeOffset to, int hours, CancellationToken cancellationToken);

    /// <summary>The questions since <paramref name="since"/> that were abstained on or voted 👎 (newest first, at most <paramref name="limit"/>).</summary>
    Task<IReadOnlyList<GapQuestion>> GapQuestionsAsync(string? library, DateTimeOffset since, int limit, CancellationToken cancellationToken);
}

/// <summary>
/// Counts by outcome, answer times of the answered and abstained questions (null when there were none), votes, and how
/// many replies were quoted because the model failed.
/// </summary>
public sealed record StatsSummary(
    int Questions,
    int Answered,
    int Abstained,
    int Failed,
    int Busy,
    long? MedianMilliseconds,
    long? P95Milliseconds,
    int ThumbsUp,
    int ThumbsDown,
    int ModelFallbacks)
{
    public static readonly StatsSummary Empty = new(0, 0, 0, 0, 0, null, null, 0, 0, 0);

    /// <summary>Part of the questions, in percent (0 when there were none).</summary>
    public double Percent(int count) => Questions == 0 ? 0 : 100.0 * count / Questions;
}

/// <summary>A question the library could not answer well: abstained on, or its answer voted 👎.</summary>
public sealed record GapQuestion(long Id, string Library, string Question, bool Abstained, int ThumbsDown, DateTimeOffset AskedAt);
