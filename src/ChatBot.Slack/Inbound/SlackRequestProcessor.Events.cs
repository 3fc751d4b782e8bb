using System.Text.Json;
using ChatBot.Core.Chat;
using ChatBot.Slack.Logging;
using ChatBot.Slack.Rendering;

namespace ChatBot.Slack.Inbound;

public sealed partial class SlackRequestProcessor
{
    /// <summary>app_mention and message events (protocols.md B3).</summary>
    private async Task HandleEventAsync(JsonElement payload, string correlationId, CancellationToken cancellationToken)
    {
        if (Property(payload, "event") is not { } ev)
        {
            return;
        }

        var type = SlackInbox.Text(ev, "type");
        if (type is not ("app_mention" or "message"))
        {
            SlackLog.Ignored(logger, "event type " + type);
            return;
        }

        // Edits, deletions, joins, bot_message and every other subtype are not questions.
        if (SlackInbox.Text(ev, "subtype") is { } subtype && subtype is not "file_share" and not "thread_broadcast")
        {
            SlackLog.Ignored(logger, "subtype " + subtype);
            return;
        }

        var user = SlackInbox.Text(ev, "user");
        var channel = SlackInbox.Text(ev, "channel");
        var ts = SlackInbox.Text(ev, "ts");
        if (Property(ev, "bot_id") is not null || user is null || channel is null || ts is null
            || string.Equals(user, identity.BotUserId, StringComparison.Ordinal))
        {
            SlackLog.Ignored(logger, "own, bot or incomplete message");
            return;
        }

        var rawText = SlackInbox.Text(ev, "text") ?? string.Empty;
        var threadTs = SlackInbox.Text(ev, "thread_ts");
        var isDirect = SlackInbox.Text(ev, "channel_type") == "im" || channel.StartsWith('D');

        // The conversation key and where the answer goes.
        string conversation;
        string? replyThread;
        if (type == "app_mention")
        {
            conversation = threadTs ?? ts;
            replyThread = conversation;
        }
        else if (isDirect)
        {
            conversation = threadTs ?? channel;
            replyThread = threadTs;
        }
        else
        {
            // A channel message: only a follow-up in a thread the bot already answers in. A mention arrives
            // as app_mention as well, so it is left to that event.
            var mention = identity.BotUserId is not null && rawText.Contains("<@" + identity.BotUserId, StringComparison.Ordinal);
            if (threadTs is null && !mention && await TryLinkSummaryAsync(channel, ts, user, rawText, TeamOf(payload), correlationId, cancellationToken))
            {
                return;
            }

            if (threadTs is null || mention)
            {
                SlackLog.Ignored(logger, "channel message outside the bot's threads");
                return;
            }

            conversation = threadTs;
            replyThread = threadTs;
        }

        // A thread message needs its turns to know whether the bot is part of the thread; a mention or DM is answered
        // without them when the database cannot give them. Turns live in the library of the channel's place.
        var team = TeamOf(payload);
        var library = LibraryOf(team, channel);
        var needsHistory = type == "message" && !isDirect;
        IReadOnlyList<ConversationTurn> history = _options.HistoryTurns == 0 || library is null ? []
            : needsHistory ? await conversations.GetTurnsAsync(library, Platform, channel, conversation, _options.HistoryTurns, cancellationToken)
            : await TryGetTurnsAsync(library, channel, conversation, correlationId, cancellationToken);
        if (needsHistory && history.Count == 0)
        {
            SlackLog.Ignored(logger, "thread the bot is not part of");
            return;
        }

        // With both app_mention and message subscriptions one message can arrive twice under different event ids.
        bool messageClaimed;
        try
        {
            messageClaimed = await deduplicator.TryClaimAsync(Platform, $"message:{channel}:{ts}", cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            SlackLog.ClaimFailed(logger, ex, "message", correlationId);
            await PostAsync(channel, replyThread, user, ChatReply.Error("Something went wrong while doing that.", correlationId), cancellationToken);
            return;
        }

        if (!messageClaimed)
        {
            SlackLog.Duplicate(logger, $"message:{channel}:{ts}");
            return;
        }

        if (type == "app_mention" && threadTs is not null && threadTs != ts && history.Count == 0)
        {
            // Mentioned in a thread the bot has not taken part in: the people's earlier messages are the context, and
            // stored as the thread's first turns so later follow-ups (on any replica) have them too.
            history = await threadReader.ReadOnceAsync(channel, threadTs, ts, correlationId, cancellationToken);
            foreach (var turn in history)
            {
                await TryAppendAsync(library, channel, conversation, turn, correlationId, cancellationToken);
            }
        }

        var text = SlackText.FromSlack(rawText, identity.BotUserId);
        var (command, argument) = ChatCommandParser.Parse(text);
        var answer = new SlackThreadReply(api, channel, replyThread, user, timeProvider);
        var request = new ChatRequest(Platform, channel, user, command, argument, IsAdmin(team, user), correlationId, conversation, history) { Workspace = team };

        // Both turns are stored before the answer is posted: the question as soon as it is taken (a follow-up sent
        // while the answer is being written belongs to the thread), the answer before anyone can read it and reply.
        // A turn that cannot be stored (the database is down) costs the thread some context, never the answer.
        await TryAppendAsync(library, channel, conversation, new ConversationTurn(ConversationRole.User, command == ChatCommand.Ask ? argument : text, timeProvider.GetUtcNow()), correlationId, cancellationToken);
        var reply = await RunAsync(request, answer.SendPartialAsync, cancellationToken);
        if (!reply.Ephemeral)
        {
            // A private refusal or error is no part of the thread everyone reads.
            await TryAppendAsync(library, channel, conversation, new ConversationTurn(ConversationRole.Bot, reply.Text, timeProvider.GetUtcNow()), correlationId, cancellationToken);
        }

        await answer.SendAsync(reply, cancellationToken);
    }

    private async Task<IReadOnlyList<ConversationTurn>> TryGetTurnsAsync(string library, string channel, string conversation, string correlationId, CancellationToken cancellationToken)
    {
        try
        {
            return await conversations.GetTurnsAsync(library, Platform, channel, conversation, _options.HistoryTurns, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            SlackLog.ConversationUnavailable(logger, ex, "read", correlationId);
            return [];
        }
    }

    private async Task TryAppendAsync(string? library, string channel, string conversation, ConversationTurn turn, string correlationId, CancellationToken cancellationToken)
    {
        if (library is null)
        {
            return;
        }

        try
        {
            await conversations.AppendAsync(library, Platform, channel, conversation, turn, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            SlackLog.ConversationUnavailable(logger, ex, "write", correlationId);
        }
    }

    /// <summary>
    /// A "busy" reply to an event the queue had no room for, where the answer would have gone: claimed like an answer,
    /// so a retry of the event is not answered as well. Messages the bot would ignore stay ignored.
    /// </summary>
    private Task RefuseEventAsync(SlackDelivery delivery, CancellationToken cancellationToken) =>
        ReplyInPlaceOfAnswerAsync(delivery, ChatReply.Busy(SlackInbox.BusyText), claim: true, cancellationToken);

    /// <summary>
    /// Posts <paramref name="reply"/> where the event's answer would have gone (mentions and DMs; thread follow-ups in
    /// the bot's threads). With <paramref name="claim"/> the event is claimed first like an answer; without, it is
    /// posted unclaimed (the claim itself failed).
    /// </summary>
    private async Task ReplyInPlaceOfAnswerAsync(SlackDelivery delivery, ChatReply reply, bool claim, CancellationToken cancellationToken)
    {
        if (Property(delivery.Payload, "event") is not { } ev || SlackInbox.Text(ev, "type") is not ("app_mention" or "message")
            || SlackInbox.Text(ev, "subtype") is { } subtype && subtype is not "file_share" and not "thread_broadcast"
            || Property(ev, "bot_id") is not null
            || SlackInbox.Text(ev, "user") is not { } user || string.Equals(user, identity.BotUserId, StringComparison.Ordinal)
            || SlackInbox.Text(ev, "channel") is not { } channel || SlackInbox.Text(ev, "ts") is not { } ts)
        {
            return;
        }

        var type = SlackInbox.Text(ev, "type");
        var threadTs = SlackInbox.Text(ev, "thread_ts");
        var isDirect = SlackInbox.Text(ev, "channel_type") == "im" || channel.StartsWith('D');
        var rawText = SlackInbox.Text(ev, "text") ?? string.Empty;
        string? replyThread;
        if (type == "app_mention")
        {
            replyThread = threadTs ?? ts;
        }
        else if (isDirect)
        {
            replyThread = threadTs;
        }
        else if (threadTs is null || (identity.BotUserId is not null && rawText.Contains("<@" + identity.BotUserId, StringComparison.Ordinal))
            || LibraryOf(TeamOf(delivery.Payload), channel) is not { } library
            || (await conversations.GetTurnsAsync(library, Platform, channel, threadTs, 1, cancellationToken)).Count == 0)
        {
            return;
        }
        else
        {
            replyThread = threadTs;
        }

        if (claim && (!await deduplicator.TryClaimAsync(Platform, delivery.DedupeKey, cancellationToken)
            || !await deduplicator.TryClaimAsync(Platform, $"message:{channel}:{ts}", cancellationToken)))
        {
            return;
        }

        await PostAsync(channel, replyThread, user, reply, cancellationToken);
    }
}
