using System.Threading.Channels;
using ChatBot.Core.Chat;
using ChatBot.Core.Conversations;
using ChatBot.Core.Libraries;
using ChatBot.Core.Telemetry;
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
    ILogger<DiscordWorkQueue> logger,
    LibraryMap? libraries = null)
{
    private readonly DiscordOptions _options = options.Value;
    private readonly LibraryMap _libraries = libraries ?? new LibraryMap(new LibraryOptions());
    private readonly Channel<InteractionWork> _work = Channel.CreateBounded<InteractionWork>(
        new BoundedChannelOptions(options.Value.QueueCapacity) { FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Places taken in the queue: reserved (the request is being acknowledged) or queued, not yet taken by a worker.</summary>
    private int _taken;

    /// <summary>Streaming holds a worker for the seconds between edits: under a backlog, answer in one edit instead.</summary>
    public bool CanStream => _work.Reader.Count < _options.Workers;

    /// <summary>
    /// Takes a place in the queue before the request is acknowledged, so "busy" is decided once, at the acknowledgement:
    /// null when the queue is full (the asker gets "busy"). A place that is not used is given back on dispose.
    /// </summary>
    public WorkSlot? TryReserve()
    {
        int taken;
        do
        {
            taken = Volatile.Read(ref _taken);
            if (taken >= _options.QueueCapacity)
            {
                return null;
            }
        }
        while (Interlocked.CompareExchange(ref _taken, taken + 1, taken) != taken);

        return new WorkSlot(this);
    }

    /// <summary>Reserves and queues in one step (a request acknowledged by its reply, not by a callback); false when full.</summary>
    public bool TryEnqueue(ChatRequest request, IDiscordReply reply, string conversationKey)
    {
        using var slot = TryReserve();
        slot?.Enqueue(request, reply, conversationKey);
        return slot is not null;
    }

    private void Release() => Interlocked.Decrement(ref _taken);

    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, _options.Workers).Select(_ => WorkLoopAsync(cancellationToken)));

    private async Task WorkLoopAsync(CancellationToken cancellationToken)
    {
        await foreach (var work in _work.Reader.ReadAllAsync(cancellationToken))
        {
            Release();
            using var trace = ChatTelemetry.StartRequest(work.Request.Platform, work.Request.CorrelationId, work.ReceivedAt);
            try
            {
                var reply = await handler.HandleAsync(work.Request, cancellationToken);
                if (work.Request.Command == ChatCommand.Ask && !reply.Ephemeral && _options.HistoryTurns > 0)
                {
                    await RememberAsync(work.Request, reply, work.ConversationKey, cancellationToken);
                }

                using var post = ChatTelemetry.Start("chat.post");
                await work.Reply.SendAsync(reply, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                DiscordLog.InteractionFailed(logger, ex, work.Request.CorrelationId, work.Request.CorrelationId);
                await TrySendFailureAsync(work, cancellationToken);
            }
        }
    }

    /// <summary>Stores the answer's conversation in the request's library; a store that is down costs the follow-up context only.</summary>
    private async Task RememberAsync(ChatRequest request, ChatReply reply, string key, CancellationToken cancellationToken)
    {
        if (_libraries.Resolve(request.Platform, request.Workspace, request.ChannelId).Library is not { } library)
        {
            return;
        }

        var now = timeProvider.GetUtcNow();
        var turns = (request.History ?? []).TakeLast(Math.Max(0, _options.HistoryTurns - 2))
            .Append(new ConversationTurn(ConversationRole.User, request.Argument, now))
            .Append(new ConversationTurn(ConversationRole.Bot, reply.Text, now));
        try
        {
            foreach (var turn in turns)
            {
                await conversations.AppendAsync(library, DiscordPlatformService.Platform, request.ChannelId, key, turn, cancellationToken);
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

    /// <summary>A reserved place in the queue: <see cref="Enqueue"/> fills it (once); dispose gives an unused one back.</summary>
    public sealed class WorkSlot : IDisposable
    {
        private DiscordWorkQueue? _queue;

        internal WorkSlot(DiscordWorkQueue queue) => _queue = queue;

        /// <summary>Queues the request in the reserved place (which cannot be full); a place is used once.</summary>
        public void Enqueue(ChatRequest request, IDiscordReply reply, string conversationKey)
        {
            var queue = Interlocked.Exchange(ref _queue, null) ?? throw new InvalidOperationException("This place in the queue was used or given back already.");
            if (!queue._work.Writer.TryWrite(new InteractionWork(request, reply, conversationKey, DateTimeOffset.UtcNow)))
            {
                queue.Release();
                throw new InvalidOperationException("The work queue no longer takes requests.");
            }
        }

        public void Dispose() => Interlocked.Exchange(ref _queue, null)?.Release();
    }
}
