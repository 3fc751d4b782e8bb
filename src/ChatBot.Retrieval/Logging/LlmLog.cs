using ChatBot.Retrieval.Llm;
using Microsoft.Extensions.Logging;

namespace ChatBot.Retrieval.Logging;

/// <summary>Language model log messages (event ids 3500-3799). Prompts, questions and model output only at Trace; keys never.</summary>
internal static partial class LlmLog
{
    [LoggerMessage(3500, LogLevel.Warning, "Language model call '{Prompt}' failed ({Reason}); answering from the articles instead (ref {CorrelationId})")]
    public static partial void CallFailed(ILogger logger, Exception? exception, string prompt, string reason, string correlationId);

    [LoggerMessage(3501, LogLevel.Warning, "Daily language model budget of {Budget} requests is used up; answers are extractive until {ResetAt:u}")]
    public static partial void BudgetExhausted(ILogger logger, int budget, DateTimeOffset resetAt);

    [LoggerMessage(3502, LogLevel.Debug, "Language model call '{Prompt}' finished in {Milliseconds:F0} ms, {Characters} characters (ref {CorrelationId})")]
    public static partial void CallFinished(ILogger logger, string prompt, double milliseconds, int characters, string correlationId);

    [LoggerMessage(3503, LogLevel.Information, "Removed {Removed} citation(s) to passages that were not given to the model (ref {CorrelationId})")]
    public static partial void CitationsRepaired(ILogger logger, int removed, string correlationId);

    [LoggerMessage(3504, LogLevel.Warning, "The model's answer cited no given passage; answering from the articles instead (ref {CorrelationId})")]
    public static partial void NoValidCitation(ILogger logger, string correlationId);

    [LoggerMessage(3505, LogLevel.Trace, "Language model call '{Prompt}' arguments: {Arguments} (ref {CorrelationId})")]
    public static partial void PromptArguments(ILogger logger, string prompt, string arguments, string correlationId);

    [LoggerMessage(3506, LogLevel.Trace, "Language model output for '{Prompt}': {Output} (ref {CorrelationId})")]
    public static partial void ModelOutput(ILogger logger, string prompt, string output, string correlationId);

    [LoggerMessage(3507, LogLevel.Trace, "Follow-up '{Question}' condensed to '{Standalone}' (ref {CorrelationId})")]
    public static partial void Condensed(ILogger logger, string question, string standalone, string correlationId);

    [LoggerMessage(3508, LogLevel.Debug, "{Kept} of {Total} passages fit the context budget of {Tokens} tokens (ref {CorrelationId})")]
    public static partial void PassagesFitted(ILogger logger, int kept, int total, int tokens, string correlationId);

    [LoggerMessage(3509, LogLevel.Debug, "Summarising article {ArticleId} in {Parts} parts (map-reduce) (ref {CorrelationId})")]
    public static partial void MapReduce(ILogger logger, long articleId, int parts, string correlationId);

    [LoggerMessage(3510, LogLevel.Information, "Language model: {Provider} model {Model} at {Endpoint}; prompts from {PromptsDirectory}")]
    public static partial void Configured(ILogger logger, LlmProvider provider, string model, string endpoint, string promptsDirectory);

    [LoggerMessage(3511, LogLevel.Debug, "The model found no answer in the given passages (ref {CorrelationId})")]
    public static partial void NotInArticles(ILogger logger, string correlationId);

    [LoggerMessage(3512, LogLevel.Warning, "The model's summary was empty or unusable; using the extractive summary (ref {CorrelationId})")]
    public static partial void UnusableSummary(ILogger logger, string correlationId);
}
