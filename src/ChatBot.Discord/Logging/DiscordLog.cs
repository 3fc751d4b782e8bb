using Microsoft.Extensions.Logging;

namespace ChatBot.Discord.Logging;

/// <summary>Discord log messages (event ids 1000-1999). Tokens are never logged; user text only at Trace.</summary>
internal static partial class DiscordLog
{
    [LoggerMessage(1000, LogLevel.Information, "Discord platform starting")]
    public static partial void Starting(ILogger logger);

    [LoggerMessage(1001, LogLevel.Critical, "Discord platform stopped for good: gateway closed with {CloseCode} ({Reason}). Fix the configuration (token, shard, intents) and restart.")]
    public static partial void FatalClose(ILogger logger, int closeCode, string reason);

    [LoggerMessage(1002, LogLevel.Information, "Discord platform stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(1003, LogLevel.Error, "Discord platform failed")]
    public static partial void PlatformFailed(ILogger logger, Exception exception);

    [LoggerMessage(1100, LogLevel.Debug, "Gateway connecting to {Host} (resume: {Resume})")]
    public static partial void Connecting(ILogger logger, string host, bool resume);

    [LoggerMessage(1101, LogLevel.Information, "Gateway ready: session established for shard {ShardId}")]
    public static partial void Ready(ILogger logger, int shardId);

    [LoggerMessage(1102, LogLevel.Information, "Gateway session resumed at sequence {Sequence}")]
    public static partial void Resumed(ILogger logger, long? sequence);

    [LoggerMessage(1103, LogLevel.Information, "Gateway asked to reconnect (op 7)")]
    public static partial void ReconnectRequested(ILogger logger);

    [LoggerMessage(1104, LogLevel.Warning, "Gateway invalidated the session (op 9, resumable: {Resumable})")]
    public static partial void InvalidSession(ILogger logger, bool resumable);

    [LoggerMessage(1105, LogLevel.Warning, "Gateway heartbeat not acknowledged: zombie connection, reconnecting")]
    public static partial void Zombie(ILogger logger);

    [LoggerMessage(1106, LogLevel.Warning, "Gateway closed with {CloseCode} ({Description}); reconnecting (resume: {Resume})")]
    public static partial void Closed(ILogger logger, int closeCode, string? description, bool resume);

    [LoggerMessage(1107, LogLevel.Warning, "Gateway connection dropped; reconnecting")]
    public static partial void Dropped(ILogger logger, Exception exception);

    [LoggerMessage(1108, LogLevel.Debug, "Gateway reconnect in {Delay}")]
    public static partial void Backoff(ILogger logger, TimeSpan delay);

    [LoggerMessage(1109, LogLevel.Warning, "Identify limit reached: waiting {Delay} for session_start_limit to reset")]
    public static partial void IdentifyLimit(ILogger logger, TimeSpan delay);

    [LoggerMessage(1111, LogLevel.Warning, "Gateway frame skipped: not a valid payload ({Reason})")]
    public static partial void BadFrame(ILogger logger, string reason);

    [LoggerMessage(1110, LogLevel.Trace, "Gateway dispatch {EventName} seq {Sequence}")]
    public static partial void Dispatch(ILogger logger, string eventName, long sequence);

    [LoggerMessage(1200, LogLevel.Information, "Slash commands registered ({Count}, scope {Scope})")]
    public static partial void CommandsRegistered(ILogger logger, int count, string scope);

    [LoggerMessage(1201, LogLevel.Debug, "Slash commands unchanged; overwrite skipped")]
    public static partial void CommandsUnchanged(ILogger logger);

    [LoggerMessage(1202, LogLevel.Error, "Slash command registration failed")]
    public static partial void CommandsFailed(ILogger logger, Exception exception);

    [LoggerMessage(1210, LogLevel.Debug, "Interaction {InteractionId} already handled; duplicate ignored")]
    public static partial void DuplicateInteraction(ILogger logger, string interactionId);

    [LoggerMessage(1211, LogLevel.Information, "Command /{Command} from user {UserId} (ref {CorrelationId})")]
    public static partial void CommandReceived(ILogger logger, string command, string userId, string correlationId);

    [LoggerMessage(1212, LogLevel.Warning, "Interaction {InteractionId} failed (ref {CorrelationId})")]
    public static partial void InteractionFailed(ILogger logger, Exception exception, string interactionId, string correlationId);

    [LoggerMessage(1213, LogLevel.Warning, "Command queue full; interaction {InteractionId} answered busy")]
    public static partial void QueueFull(ILogger logger, string interactionId);

    [LoggerMessage(1214, LogLevel.Information, "Feedback {Vote} from user {UserId}")]
    public static partial void Feedback(ILogger logger, string vote, string userId);

    [LoggerMessage(1215, LogLevel.Trace, "Question text: {Text}")]
    public static partial void QuestionText(ILogger logger, string text);

    [LoggerMessage(1216, LogLevel.Warning, "Autocomplete for interaction {InteractionId} failed")]
    public static partial void AutocompleteFailed(ILogger logger, Exception exception, string interactionId);

    [LoggerMessage(1217, LogLevel.Warning, "Interaction {InteractionId} could not be claimed (database unavailable?); answered with a failure (ref {CorrelationId})")]
    public static partial void ClaimFailed(ILogger logger, Exception exception, string interactionId, string correlationId);

    [LoggerMessage(1218, LogLevel.Warning, "Incoming interaction queue full: dropped the oldest, interaction {InteractionId} (it gets no reply)")]
    public static partial void InteractionDropped(ILogger logger, string interactionId);

    [LoggerMessage(1300, LogLevel.Warning, "Discord REST {Method} {Route} rate limited; retrying in {Delay} (global: {Global})")]
    public static partial void RateLimited(ILogger logger, string method, string route, TimeSpan delay, bool global);

    [LoggerMessage(1301, LogLevel.Warning, "Discord REST {Method} {Route} returned {Status}; retrying in {Delay}")]
    public static partial void ServerError(ILogger logger, string method, string route, int status, TimeSpan delay);

    [LoggerMessage(1302, LogLevel.Error, "Discord REST {Method} {Route} was refused with {Status}: check Discord:Token and the bot's permissions ({Count} so far)")]
    public static partial void AuthFailure(ILogger logger, string method, string route, int status, long count);

    [LoggerMessage(1303, LogLevel.Debug, "Discord REST bucket {Route} exhausted; waiting {Delay}")]
    public static partial void BucketWait(ILogger logger, string route, TimeSpan delay);

    [LoggerMessage(1400, LogLevel.Information, "Follow-up from user {UserId} to the bot's message {MessageId} (ref {CorrelationId})")]
    public static partial void FollowUpReceived(ILogger logger, string userId, string messageId, string correlationId);

    [LoggerMessage(1401, LogLevel.Trace, "Discord message {MessageId} ignored: {Reason}")]
    public static partial void MessageIgnored(ILogger logger, string messageId, string reason);

    [LoggerMessage(1402, LogLevel.Warning, "Discord conversation turns unavailable; answering without them (ref {CorrelationId})")]
    public static partial void ConversationUnavailable(ILogger logger, Exception exception, string correlationId);

    [LoggerMessage(1403, LogLevel.Warning, "Discord message {MessageId} failed (ref {CorrelationId})")]
    public static partial void MessageFailed(ILogger logger, Exception exception, string messageId, string correlationId);

    [LoggerMessage(1112, LogLevel.Warning, "Gateway closed with 4014 (disallowed intents): the privileged intents {Dropped} of Discord:Intents are not enabled for this application in the Developer Portal. Reconnecting with intents {Intents}: replies to the bot and link summaries now need a mention. Enable Message Content under Bot -> Privileged Gateway Intents to restore them.")]
    public static partial void PrivilegedIntentsDropped(ILogger logger, int dropped, int intents);

    [LoggerMessage(1404, LogLevel.Information, "Link summary for message {MessageId} in channel {ChannelId} (ref {CorrelationId})")]
    public static partial void LinkSummary(ILogger logger, string messageId, string channelId, string correlationId);

    [LoggerMessage(1405, LogLevel.Information, "No link summary posted for message {MessageId}: {Kind} (ref {CorrelationId})")]
    public static partial void LinkSummarySkipped(ILogger logger, string messageId, string kind, string correlationId);

    [LoggerMessage(1500, LogLevel.Information, "Discord HTTP interactions listening on {Addresses} (POST /discord/interactions)")]
    public static partial void HttpListening(ILogger logger, string addresses);

    [LoggerMessage(1501, LogLevel.Warning, "Discord HTTP interaction refused with 401: {Reason}")]
    public static partial void HttpRefused(ILogger logger, string reason);

    [LoggerMessage(1113, LogLevel.Information, "Gateway shards {ShardIds} of {ShardCount} in this process")]
    public static partial void Shards(ILogger logger, string shardIds, int shardCount);

    [LoggerMessage(1114, LogLevel.Warning, "Discord:ShardCount is {ShardCount} but Discord recommends {Recommended} shards: set it to 0 (automatic) or at least {Recommended}, or Discord may refuse the connection (4011)")]
    public static partial void FewerShardsThanRecommended(ILogger logger, int shardCount, int recommended);
}
