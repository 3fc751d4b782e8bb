namespace ChatBot.Core.Stats;

/// <summary>"What the library could not answer": the gap questions, rephrasings counted once, each with its closest article.</summary>
public interface IStatsGaps
{
    /// <summary>The most frequent gaps of <paramref name="library"/> (null: every library) since <paramref name="since"/>, most asked first.</summary>
    Task<IReadOnlyList<StatsGap>> FindAsync(string? library, DateTimeOffset since, int limit, CancellationToken cancellationToken);
}

/// <summary>
/// One cluster of similar questions: <see cref="Question"/> stands for it (the most asked wording), <see cref="Count"/>
/// is how often any wording was asked (abstained on or voted 👎), and the closest article (none when the library is empty).
/// </summary>
public sealed record StatsGap(string Library, string Question, int Count, IReadOnlyList<string> Rephrasings, string? ClosestTitle, string? ClosestUrl);
