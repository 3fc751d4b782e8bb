using Microsoft.Extensions.Logging;

namespace ChatBot.Worker.Logging;

/// <summary>Health endpoint log messages (event ids 900-919 of the Worker range).</summary>
internal static partial class HealthLog
{
    [LoggerMessage(900, LogLevel.Information, "Health endpoint listening on {Urls} (GET /health)")]
    public static partial void Listening(ILogger logger, string urls);

    [LoggerMessage(901, LogLevel.Warning, "Health check: database unreachable ({ErrorType}: {Error})")]
    public static partial void DatabaseUnreachable(ILogger logger, string errorType, string error);
}
