using System.ComponentModel.DataAnnotations;

namespace ChatBot.Digests;

/// <summary>The <c>Digests</c> section: configured schedules and how digests are built and posted.</summary>
public sealed class DigestOptions
{
    public const string SectionName = "Digests";

    /// <summary>Schedules from configuration (<c>Digests:Schedules:0:Platform</c> ...). A schedule set in chat wins.</summary>
    public List<DigestScheduleEntry> Schedules { get; set; } = [];

    /// <summary>The time zone of <c>/schedule set</c> without one (IANA id).</summary>
    [Required(ErrorMessage = "Digests:DefaultTimeZone is required.")]
    public string DefaultTimeZone { get; set; } = "UTC";

    /// <summary>Posted for an empty window; empty or null posts nothing.</summary>
    public string? NothingNewText { get; set; }

    /// <summary>Stories per posted message (Discord allows 25 embed fields, Slack 50 blocks).</summary>
    [Range(1, 20, ErrorMessage = "Digests:MaxItemsPerPart must be between 1 and 20.")]
    public int MaxItemsPerPart { get; set; } = 20;

    /// <summary>Stories in one digest at most (the most important first).</summary>
    [Range(1, 200, ErrorMessage = "Digests:MaxItems must be between 1 and 200.")]
    public int MaxItems { get; set; } = 60;

    /// <summary>Characters of item text per posted message (Discord: 6000 per message of embeds).</summary>
    [Range(500, 5500, ErrorMessage = "Digests:MaxCharsPerPart must be between 500 and 5500.")]
    public int MaxCharsPerPart { get; set; } = 4500;

    [Range(1, 2, ErrorMessage = "Digests:SummarySentences must be 1 or 2.")]
    public int SummarySentences { get; set; } = 2;

    /// <summary>Title-term Jaccard similarity at or above which two articles are the same story.</summary>
    [Range(0.1, 1.0, ErrorMessage = "Digests:SimilarityThreshold must be between 0.1 and 1.")]
    public double SimilarityThreshold { get; set; } = 0.5;

    /// <summary>How far back the first digest of a channel looks.</summary>
    [Range(1, 720, ErrorMessage = "Digests:FirstDigestLookbackHours must be between 1 and 720.")]
    public int FirstDigestLookbackHours { get; set; } = 24;

    /// <summary>A slot later than this (or with earlier slots missed) is posted as a catch-up digest.</summary>
    [Range(1, 1440, ErrorMessage = "Digests:CatchUpAfterMinutes must be between 1 and 1440.")]
    public int CatchUpAfterMinutes { get; set; } = 10;

    /// <summary>How long a claim is held before another scheduler (or a restart) may take the slot over.</summary>
    [Range(10, 3600, ErrorMessage = "Digests:LeaseSeconds must be between 10 and 3600.")]
    public int LeaseSeconds { get; set; } = 180;

    [Range(1, 20, ErrorMessage = "Digests:MaxPostAttempts must be between 1 and 20.")]
    public int MaxPostAttempts { get; set; } = 6;

    /// <summary>First retry delay after a failed post; doubles each attempt (capped at one hour).</summary>
    [Range(1, 3600, ErrorMessage = "Digests:RetryBaseSeconds must be between 1 and 3600.")]
    public int RetryBaseSeconds { get; set; } = 30;

    /// <summary>The scheduler wakes at the next slot or after this long, whichever is sooner (to see new schedules).</summary>
    [Range(1, 3600, ErrorMessage = "Digests:CheckIntervalSeconds must be between 1 and 3600.")]
    public int CheckIntervalSeconds { get; set; } = 30;

    /// <summary>Shortest allowed gap between two slots of a schedule set in chat.</summary>
    [Range(0, 1440, ErrorMessage = "Digests:MinimumIntervalMinutes must be between 0 and 1440.")]
    public int MinimumIntervalMinutes { get; set; } = 15;

    /// <summary>Budget for composing one digest.</summary>
    [Range(1, 600, ErrorMessage = "Digests:BuildTimeoutSeconds must be between 1 and 600.")]
    public int BuildTimeoutSeconds { get; set; } = 60;
}
