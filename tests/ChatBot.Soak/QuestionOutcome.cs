namespace ChatBot.Soak;

/// <summary>What became of one question at the end of a run.</summary>
public enum QuestionOutcome
{
    /// <summary>Never answered, never refused.</summary>
    Lost,

    /// <summary>One answer (an abstention counts: "not in the indexed articles" is an answer).</summary>
    Answered,

    /// <summary>One polite "busy, try again" refusal.</summary>
    Busy,

    /// <summary>One "something went wrong (ref …)" reply.</summary>
    Failed,
}
