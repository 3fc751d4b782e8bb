using Microsoft.Extensions.Logging;

namespace ChatBot.Worker.Logging;

/// <summary>Worker log messages (event ids 0-999).</summary>
internal static partial class WorkerLog
{
    [LoggerMessage(1, LogLevel.Error, "Command {Command} from {Platform} failed (ref {CorrelationId})")]
    public static partial void CommandFailed(ILogger logger, Exception exception, string command, string platform, string correlationId);

    [LoggerMessage(2, LogLevel.Information, "No chat platform is configured (no Discord or Slack token): running the console platform")]
    public static partial void ConsoleMode(ILogger logger);

    [LoggerMessage(3, LogLevel.Information, "Platforms on: {Platforms}")]
    public static partial void PlatformsOn(ILogger logger, string platforms);

    [LoggerMessage(4, LogLevel.Warning, "A partial answer could not be shown on {Platform} (ref {CorrelationId}); the final answer follows")]
    public static partial void PartialAnswerFailed(ILogger logger, Exception exception, string platform, string correlationId);

    [LoggerMessage(5, LogLevel.Warning, "A question could not be stored in the question log (ref {CorrelationId}); its answer is posted without it")]
    public static partial void QuestionNotRecorded(ILogger logger, Exception exception, string correlationId);
}
