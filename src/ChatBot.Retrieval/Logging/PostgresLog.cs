using Microsoft.Extensions.Logging;

namespace ChatBot.Retrieval.Logging;

/// <summary>PostgreSQL storage and replica log messages (event ids 3800-3999). Connection strings are never logged.</summary>
internal static partial class PostgresLog
{
    [LoggerMessage(3800, LogLevel.Information, "PostgreSQL migration applied: {Migration}")]
    public static partial void MigrationApplied(ILogger logger, string migration);

    [LoggerMessage(3801, LogLevel.Information, "PostgreSQL storage on {Host}:{Port}/{Database} as {Username}")]
    public static partial void Target(ILogger logger, string? host, int port, string? database, string? username);

    [LoggerMessage(3802, LogLevel.Warning, "PostgreSQL connection lost ({Error}); pool cleared, retrying for up to {Seconds} s")]
    public static partial void TransientRetry(ILogger logger, string error, double seconds);

    [LoggerMessage(3803, LogLevel.Debug, "Change poll: {Changes} changes, {Reloaded} articles reloaded, {Removed} removed, now at {Sequence}")]
    public static partial void ChangesApplied(ILogger logger, int changes, int reloaded, int removed, long sequence);

    [LoggerMessage(3804, LogLevel.Warning, "Change poll failed; retrying at the next tick: {Error}")]
    public static partial void ChangePollFailed(ILogger logger, string error);

    [LoggerMessage(3805, LogLevel.Information, "Change poll every {Seconds} s from sequence {Sequence}")]
    public static partial void ChangePollStarted(ILogger logger, int seconds, long sequence);
}
