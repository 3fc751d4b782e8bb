using System.Threading.Channels;
using ChatBot.Core.Chat;
using ChatBot.Core.Conversations;
using ChatBot.Discord.Logging;
using ChatBot.Discord.Rest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Discord.Interactions;

/// <summary>
/// The bounded queue of acknowledged Discord requests (slash commands, buttons, reply follow-ups) and the
/// <see cref="DiscordOptions.Workers"/> workers that run them through <see cref="IChatCommandHandler"/>. A public answer
/// to a question is kept, before it is posted, as the conversation under <see cref="InteractionWork.ConversationKey"/>
/// (the turns before, the question, the answer), so a reply to that answer is a follow-up with that context.
/// </summary>
public sealed class DiscordWorkQueue(
    IChatCommandHandler handler,
    IConversationStore conversations,
    IOptions<DiscordOptions> options,
    TimeProvider timeProvider,
    ILogger<DiscordWorkQueue> logger)
{
    private readonly DiscordOptions _options = options.Value;
    private readonly Channel<InteractionWork> _work = Channel.CreateBounded<InteractionWork>(
        new BoundedChannelOptions(options.Value.QueueCapacity) { FullMode = BoundedChannelFullMode.Wait });

    /// <summary>No room for another request: the asker gets "busy".</summary>
    public bool IsFull => _work.Reader.Count >= _options.QueueCapacity;

    /// <summary>Streaming holds a worker for the seconds between edits: under a backlog, answer in one edit instead.</summary>
    public bool CanStream => _work.Reader.Count < _options.Workers;

    public bool TryEnqueue(ChatRequest request, IDiscordReply reply, string conversationKey) =>
        _work.Writer.TryWrite(new InteractionWork(request, reply, conversationKey));

    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, _options.Workers).Select(_ => WorkLoopAsync(cancellationToken)));

    private async Task WorkLoopAsync(CancellationToken cancellationToken)
    {
        await foreach (var work in _work.Reader.ReadAllAsync(cancellationToken))
        {
            try
            {
                var reply = await handler.HandleAsync(work.Request, cancellationToken);
                if (work.Request.Command == ChatCommand.Ask && !reply.Ephemeral && _options.HistoryTurns > 0)
                {
                    await RememberAsync(work.Request, reply, work.ConversationKey, cancellationToken);
                }

                await work.Reply.SendAsync(reply, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                DiscordLog.InteractionFailed(logger, ex, work.Request.CorrelationId, work.Request.CorrelationId);
                await TrySendFailureAsync(work, cancellationToken);
            }
        }
    }

    /// <summary>Stores the answer's conversation; a store that is down costs the follow-up context only.</summary>
    private async Task RememberAsync(ChatRequest request, ChatReply reply, string key, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var turns = (request.History ?? []).TakeLast(Math.Max(0, _options.HistoryTurns - 2))
            .Append(new ConversationTurn(ConversationRole.User, request.Argument, now))
            .Append(new ConversationTurn(ConversationRole.Bot, reply.Text, now));
        try
        {
            foreach (var turn in turns)
            {
                await conversations.AppendAsync(DiscordPlatformService.Platform, request.ChannelId, key, turn, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            DiscordLog.ConversationUnavailable(logger, ex, request.CorrelationId);
        }
    }

    private async Task TrySendFailureAsync(InteractionWork work, CancellationToken cancellationToken)
    {
        try
        {
            await work.Reply.SendAsync(ChatReply.Error("Something went wrong", work.Request.CorrelationId), cancellationToken);
        }
        catch (Exception ex) when (ex is DiscordApiException or HttpRequestException)
        {
            DiscordLog.InteractionFailed(logger, ex, work.Request.CorrelationId, work.Request.CorrelationId);
        }
    }
}
