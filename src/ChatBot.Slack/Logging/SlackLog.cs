using Microsoft.Extensions.Logging;

namespace ChatBot.Slack.Logging;

/// <summary>Slack log messages (event ids 2000-2999). User text at Trace only; tokens never.</summary>
internal static partial class SlackLog
{
    [LoggerMessage(2000, LogLevel.Information, "Slack: signed in as {BotUserId} (bot {BotId}) in team {TeamId}")]
    public static partial void SignedIn(ILogger logger, string botUserId, string? botId, string? teamId);

    [LoggerMessage(2001, LogLevel.Information, "Slack Socket Mode connection {Slot} is live ({Host})")]
    public static partial void SocketLive(ILogger logger, int slot, string? host);

    [LoggerMessage(2002, LogLevel.Information, "Slack asked connection {Slot} to disconnect ({Reason}); opening a replacement first")]
    public static partial void SocketRefresh(ILogger logger, int slot, string reason);

    [LoggerMessage(2003, LogLevel.Warning, "Slack Socket Mode connection {Slot} lost ({Failures} failures in a row); reconnecting in {DelayMs} ms")]
    public static partial void SocketReconnecting(ILogger logger, Exception? exception, int slot, int failures, double delayMs);

    [LoggerMessage(2004, LogLevel.Critical, "Slack disabled Socket Mode for this app (reason {Reason}): stopping. Turn Socket Mode back on in the app settings or use the HTTP Events API.")]
    public static partial void SocketModeDisabled(ILogger logger, string reason);

    [LoggerMessage(2005, LogLevel.Debug, "Slack envelope {EnvelopeId} ({Type}, retry {RetryAttempt}) acknowledged on connection {Slot}")]
    public static partial void EnvelopeAcked(ILogger logger, string envelopeId, string type, int retryAttempt, int slot);

    [LoggerMessage(2006, LogLevel.Warning, "Slack request queue is full: refused a {Kind}")]
    public static partial void QueueFull(ILogger logger, string kind);

    [LoggerMessage(2007, LogLevel.Debug, "Slack delivery {Key} was already handled: skipped")]
    public static partial void Duplicate(ILogger logger, string key);

    [LoggerMessage(2008, LogLevel.Warning, "Slack rate-limited {Method}: retrying in {Seconds} s")]
    public static partial void RateLimited(ILogger logger, string method, double seconds);

    [LoggerMessage(2009, LogLevel.Warning, "Slack {Method} failed with {Error}")]
    public static partial void ApiError(ILogger logger, string method, string error);

    [LoggerMessage(2010, LogLevel.Error, "Slack {Kind} failed (ref {CorrelationId})")]
    public static partial void RequestFailed(ILogger logger, Exception exception, string kind, string correlationId);

    [LoggerMessage(2011, LogLevel.Information, "Slack HTTP endpoint listening on {Addresses}")]
    public static partial void HttpListening(ILogger logger, string addresses);

    [LoggerMessage(2012, LogLevel.Warning, "Slack HTTP request to {Path} refused: {Reason}")]
    public static partial void SignatureRejected(ILogger logger, string path, string reason);

    [LoggerMessage(2013, LogLevel.Information, "Slack redelivery {RetryNum} ({RetryReason}) of an HTTP event")]
    public static partial void HttpRetry(ILogger logger, string retryNum, string? retryReason);

    [LoggerMessage(2014, LogLevel.Trace, "Slack event ignored: {Reason}")]
    public static partial void Ignored(ILogger logger, string reason);

    [LoggerMessage(2015, LogLevel.Trace, "Slack {Command} from {UserId} in {ChannelId}: {Text}")]
    public static partial void Received(ILogger logger, string command, string userId, string channelId, string text);

    [LoggerMessage(2016, LogLevel.Critical, "Slack rejected the token ({Error}): stopping. Check Slack:BotToken / Slack:AppToken.")]
    public static partial void AuthFailed(ILogger logger, string error);

    [LoggerMessage(2017, LogLevel.Warning, "Slack {Method} answered HTTP {Status} (attempt {Attempt}): retrying in {DelayMs} ms")]
    public static partial void TransientFailure(ILogger logger, string method, int status, int attempt, double delayMs);

    [LoggerMessage(2018, LogLevel.Debug, "Slack action {ActionId} is not one of ours: ignored")]
    public static partial void UnknownAction(ILogger logger, string actionId);

    [LoggerMessage(2019, LogLevel.Warning, "Slack Socket Mode message could not be read: {Error}")]
    public static partial void BadFrame(ILogger logger, string error);

    [LoggerMessage(2020, LogLevel.Error, "Slack {Kind} could not be claimed (database unavailable?): answered with a failure where possible (ref {CorrelationId})")]
    public static partial void ClaimFailed(ILogger logger, Exception exception, string kind, string correlationId);

    [LoggerMessage(2021, LogLevel.Warning, "Slack conversation turns unavailable ({Operation}); answering without them (ref {CorrelationId})")]
    public static partial void ConversationUnavailable(ILogger logger, Exception exception, string operation, string correlationId);

    [LoggerMessage(2022, LogLevel.Debug, "Slack thread in {ChannelId} read late: {Turns} earlier messages in {Pages} page(s)")]
    public static partial void ThreadRead(ILogger logger, string channelId, int turns, int pages);

    [LoggerMessage(2023, LogLevel.Warning, "Slack thread in {ChannelId} could not be read (conversations.replies); answering with what was read (ref {CorrelationId})")]
    public static partial void ThreadReadFailed(ILogger logger, Exception exception, string channelId, string correlationId);
}
