namespace ChatBot.Soak;

/// <summary>
/// The measured figures of one platform (or of all) in a run. <see cref="Acked"/> counts every acknowledged question;
/// <see cref="AckedInTime"/> those acknowledged within <see cref="SoakOptions.AckDeadline"/> of wall-clock time, a figure
/// of the machine as much as of the bot: the soak verb's verdict uses it, the tests (on a shared machine) do not.
/// </summary>
public sealed record PlatformStats(
    string Platform,
    int Questions,
    int Acked,
    int AckedInTime,
    TimeSpan AckP99,
    int Answered,
    int Busy,
    int Failed,
    int Lost,
    int Doubled,
    TimeSpan AnswerP50,
    TimeSpan AnswerP99,
    int Redelivered)
{
    public double AckedInTimeShare => Questions == 0 ? 1 : (double)AckedInTime / Questions;

    public static PlatformStats Of(string platform, IReadOnlyList<TrackedQuestion> questions, int redelivered)
    {
        ArgumentNullException.ThrowIfNull(questions);
        var counted = questions.Where(q => !q.MayBeIgnored).ToList();
        var acks = counted.Where(q => q.AckDelay is not null).Select(q => q.AckDelay!.Value).ToList();
        var answered = counted.Where(q => q.Outcome == QuestionOutcome.Answered && q.AnswerLatency is not null).Select(q => q.AnswerLatency!.Value).ToList();
        return new PlatformStats(
            platform,
            counted.Count,
            acks.Count,
            acks.Count(a => a <= SoakOptions.AckDeadline),
            Percentile(acks, 0.99),
            counted.Count(q => q.Outcome == QuestionOutcome.Answered),
            counted.Count(q => q.Outcome == QuestionOutcome.Busy),
            counted.Count(q => q.Outcome == QuestionOutcome.Failed),
            counted.Count(q => q.Outcome == QuestionOutcome.Lost),
            counted.Count(q => q.Doubled),
            Percentile(answered, 0.50),
            Percentile(answered, 0.99),
            redelivered);
    }

    public static TimeSpan Percentile(IReadOnlyList<TimeSpan> values, double p)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return TimeSpan.Zero;
        }

        var sorted = values.OrderBy(v => v).ToList();
        var index = (int)Math.Ceiling(p * sorted.Count) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Count - 1)];
    }
}
