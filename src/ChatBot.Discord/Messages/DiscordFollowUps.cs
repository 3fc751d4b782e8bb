using System.Text.Json;
using System.Threading.Channels;
using ChatBot.Core.Chat;
using ChatBot.Core.Conversations;
using ChatBot.Core.Events;
using ChatBot.Core.Libraries;
using ChatBot.Core.Telemetry;
using ChatBot.Discord.Gateway;
using ChatBot.Discord.Interactions;
using ChatBot.Discord.Logging;
using ChatBot.Discord.Rest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Discord.Messages;

/// <summary>
/// Discord's twin of Slack threads: a reply to one of the bot's answers (MESSAGE_CREATE with a message_reference to the
/// bot's message) is a follow-up question, asked with that answer's question and answer (and the turns before it) as
/// context and answered as a reply. Without the Message Content intent Discord sends the text of replies that mention the
/// bot only; with it, any reply. The bot's own and other bots' messages are ignored; each message is claimed once.
/// Any other message may get a link summary (<see cref="DiscordLinkSummaries"/>).
/// </summary>
public sealed class DiscordFollowUps(
    DiscordApi api,
    DiscordWorkQueue work,
    DiscordShards gateway,
    IEventDeduplicator deduplicator,
    IConversationStore conversations,
    IOptions<DiscordOptions> options,
    TimeProvider timeProvider,
    ILogger<DiscordFollowUps> logger,
    DiscordLinkSummaries? linkSummaries = null,
    LibraryMap? libraries = null)
{
    private readonly LibraryMap _libraries = libraries ?? new LibraryMap(new LibraryOptions());
    private const int Readers = 2;
    private readonly DiscordOptions _options = options.Value;
    private readonly Channel<JsonElement> _incoming = Channel.CreateBounded<JsonElement>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Takes a MESSAGE_CREATE from the gateway loop without waiting.</summary>
    public void Accept(JsonElement data)
    {
        if (!_incoming.Writer.TryWrite(data.Clone()))
        {
            DiscordLog.MessageIgnored(logger, "?", "the message queue is full");
        }
    }

    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, Readers).Select(_ => ReadLoopAsync(cancellationToken)));

    private string BotUserId => gateway.UserId ?? _options.ApplicationId ?? string.Empty;

    private async Task ReadLoopAsync(CancellationToken cancellationToken)
    {
        await foreach (var data in _incoming.Reader.ReadAllAsync(cancellationToken))
        {
            var correlationId = Guid.NewGuid().ToString("N")[..8];
            DiscordMessage message;
            try
            {
                message = DiscordMessage.Parse(data);
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException)
            {
                DiscordLog.MessageIgnored(logger, "?", "unreadable: " + ex.Message);
                continue;
            }

            try
            {
                await HandleAsync(message, correlationId, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                DiscordLog.MessageFailed(logger, ex, message.Id, correlationId);
            }
        }
    }

    private async Task HandleAsync(DiscordMessage message, string correlationId, CancellationToken cancellationToken)
    {
        var bot = BotUserId;
        var text = message.TextWithoutMention(bot);
        var fromBot = message.AuthorIsBot || message.AuthorId == bot;
        if (message.ReferencedAuthorId != bot && linkSummaries is not null
            && await linkSummaries.TryHandleAsync(message, text, fromBot, correlationId, cancellationToken))
        {
            return;
        }

        var ignored = message.AuthorIsBot || message.AuthorId == bot ? "a bot's message"
            : message.ReferencedId is null || message.ReferencedAuthorId != bot ? "not a reply to the bot"
            : text.Length == 0 ? "no text (a reply without a mention needs the Message Content intent)"
            : null;
        if (ignored is not null)
        {
            DiscordLog.MessageIgnored(logger, message.Id, ignored);
            return;
        }

        if (!await deduplicator.TryClaimAsync(DiscordPlatformService.Platform, "message:" + message.Id, cancellationToken))
        {
            DiscordLog.MessageIgnored(logger, message.Id, "already handled");
            return;
        }

        DiscordLog.FollowUpReceived(logger, message.AuthorId, message.ReferencedId!, correlationId);
        DiscordLog.QuestionText(logger, text);
        var history = await HistoryAsync(message, correlationId, cancellationToken);
        var (command, argument) = ChatCommandParser.Parse(text);
        var reply = new DiscordMessageReply(api, message.ChannelId, message.Id);
        var request = new ChatRequest(
            DiscordPlatformService.Platform, message.ChannelId, message.AuthorId, command, argument, IsAdmin: false, correlationId,
            ThreadId: message.ReferencedConversation, History: history)
        {
            Workspace = message.GuildId,
        };
        if (!work.TryEnqueue(request, reply, message.Id))
        {
            DiscordLog.QueueFull(logger, message.Id);
            ChatTelemetry.RecordBusy(DiscordPlatformService.Platform, command);
            await reply.SendAsync(ChatReply.Busy(DiscordQueueAdmission.BusyText), cancellationToken);
        }
    }

    /// <summary>
    /// The answer's stored conversation in this place's library; else (stored before this feature, or the store is down)
    /// the answer's own text. A place without a library (a DM the router will refuse) reads no stored turns.
    /// </summary>
    private async Task<IReadOnlyList<ConversationTurn>> HistoryAsync(DiscordMessage message, string correlationId, CancellationToken cancellationToken)
    {
        if (_options.HistoryTurns == 0)
        {
            return [];
        }

        try
        {
            var library = _libraries.Resolve(DiscordPlatformService.Platform, message.GuildId, message.ChannelId).Library;
            var turns = library is null ? [] : await conversations.GetTurnsAsync(library, DiscordPlatformService.Platform, message.ChannelId, message.ReferencedConversation!, _options.HistoryTurns, cancellationToken);
            if (turns.Count > 0)
            {
                return turns;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            DiscordLog.ConversationUnavailable(logger, ex, correlationId);
        }

        return message.ReferencedText is { Length: > 0 } answer
            ? [new ConversationTurn(ConversationRole.Bot, answer, timeProvider.GetUtcNow())]
            : [];
    }
}
