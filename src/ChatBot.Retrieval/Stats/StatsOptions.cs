using System.ComponentModel.DataAnnotations;

namespace ChatBot.Retrieval.Stats;

/// <summary>The <c>Stats</c> section: how long the question log keeps questions (docs/operations.md, privacy).</summary>
public sealed class StatsOptions
{
    public const string SectionName = "Stats";

    /// <summary>Days a question (its text, answer, citations, hashed user and votes) is kept; older ones are deleted.</summary>
    [Range(1, 3650, ErrorMessage = "Stats:RetentionDays must be between 1 and 3650.")]
    public int RetentionDays { get; set; } = 30;
}
