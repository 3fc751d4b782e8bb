using Microsoft.Extensions.Logging;

namespace ChatBot.Retrieval.Stats;

internal static partial class StatsLog
{
    [LoggerMessage(3900, LogLevel.Information, "Question log: deleted {Count} questions older than {Days} days")]
    public static partial void Swept(ILogger logger, int count, int days);

    [LoggerMessage(3901, LogLevel.Warning, "Question log: the retention sweep failed; it runs again in an hour")]
    public static partial void SweepFailed(ILogger logger, Exception exception);
}
