namespace ChatBot.Retrieval.Llm;

/// <summary>The prompt templates in <see cref="LlmOptions.PromptsDirectory"/> (file name = name + ".txt") and the variables each must use.</summary>
public static class PromptNames
{
    public const string Answer = "answer";
    public const string Summarize = "summarize";
    public const string DigestOverview = "digest-overview";
    public const string Condense = "condense";

    /// <summary>The model's explicit "the passages do not hold the answer" outcome.</summary>
    public const string NotInArticles = "NOT_IN_ARTICLES";

    public static IReadOnlyDictionary<string, string[]> RequiredVariables { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [Answer] = ["passages", "question"],
        [Summarize] = ["title", "text", "part", "sentences"],
        [DigestOverview] = ["stories"],
        [Condense] = ["history", "question"],
    };
}
