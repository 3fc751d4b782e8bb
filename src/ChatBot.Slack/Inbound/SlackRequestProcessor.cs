using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Core.AutoSummaries;
using ChatBot.Core.Chat;
using ChatBot.Core.Conversations;
using ChatBot.Core.Events;
using ChatBot.Core.Libraries;
using ChatBot.Core.Stats;
using ChatBot.Core.Telemetry;
using ChatBot.Slack.Api;
using ChatBot.Slack.Logging;
using ChatBot.Slack.Rendering;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Slack.Inbound;

/// <summary>
/// Drains the <see cref="SlackInbox"/>: each delivery is claimed once (platform "slack"), translated into a
/// <see cref="ChatRequest"/> at the edge, run by the <see cref="IChatCommandHandler"/>, and answered in Block Kit:
/// mentions in a thread under the mention (a model-written answer shown as it grows, then completed), thread follow-ups with the thread's earlier turns as history, DMs in
/// the DM, slash commands via response_url, buttons as block_actions. One failing request never stops the others.
/// </summary>
public sealed partial class SlackRequestProcessor(
    SlackInbox inbox,
    SlackApiClient api,
    SlackIdentity identity,
    IChatCommandHandler handler,
    IEventDeduplicator deduplicator,
    IConversationStore conversations,
    SlackThreadReader threadReader,
    IOptions<SlackOptions> options,
    TimeProvider timeProvider,
    ILogger<SlackRequestProcessor> logger,
    AutoSummaryGate? linkSummaries = null,
    LibraryMap? libraries = null,
    IQuestionLog? questionLog = null) : IDisposable
{
    public const string Platform = "slack";
    private readonly LibraryMap _libraries = libraries ?? new LibraryMap(new LibraryOptions());
    private readonly SlackOptions _options = options.Value;
    private readonly FeedbackVotes _feedback = new(questionLog, timeProvider);

    // Answers are computed by at most Workers requests at once; the consumers around them are more, so that a request
    // waiting for its channel's turn to post (Slack: ~1 message/s per channel) does not hold a worker up.
    private const int ConsumersPerWorker = 4;
    private readonly SemaphoreSlim _compute = new(options.Value.Workers, options.Value.Workers);
    private int _awaitingCompute;

    /// <summary>
    /// Runs the consumers until the inbox completes or the token is cancelled: <see cref="SlackOptions.Workers"/>
    /// answers are worked out at once, while more requests may be waiting to post into a paced channel.
    /// </summary>
    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, _options.Workers * ConsumersPerWorker).Select(_ => ConsumeAsync(cancellationToken))
            .Concat(Enumerable.Range(0, RefusalWorkers).Select(_ => RefuseAsync(cancellationToken))));

    // Busy replies are cheap but wait on each channel's post spacing: several run at once so one busy channel does not hold up the rest.
    private const int RefusalWorkers = 4;

    /// <summary>Answers the events the full queue turned away with a polite "busy" in the place the answer would have gone.</summary>
    private async Task RefuseAsync(CancellationToken cancellationToken)
    {
        await foreach (var delivery in inbox.Refusals.ReadAllAsync(cancellationToken))
        {
            try
            {
                await RefuseEventAsync(delivery, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                SlackLog.RequestFailed(logger, ex, delivery.Kind.ToString(), "busy");
            }
        }
    }

    private async Task ConsumeAsync(CancellationToken cancellationToken)
    {
        await foreach (var delivery in inbox.Reader.ReadAllAsync(cancellationToken))
        {
            var correlationId = Guid.NewGuid().ToString("N")[..8];
            using var trace = ChatTelemetry.StartRequest(Platform, correlationId);
            try
            {
                await ProcessAsync(delivery, correlationId, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                SlackLog.RequestFailed(logger, ex, delivery.Kind.ToString(), correlationId);
            }
        }
    }

    public async Task ProcessAsync(SlackDelivery delivery, string correlationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        bool claimed;
        try
        {
            claimed = await deduplicator.TryClaimAsync(Platform, delivery.DedupeKey, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The database stayed unreachable past Storage:ReconnectSeconds. The event is acknowledged already, so Slack
            // will not send it again: say so where the answer would have gone rather than stay silent.
            SlackLog.ClaimFailed(logger, ex, delivery.Kind.ToString(), correlationId);
            if (delivery.Kind == SlackDeliveryKind.Event)
            {
                await ReplyInPlaceOfAnswerAsync(delivery, ChatReply.Error("Something went wrong while doing that.", correlationId), claim: false, cancellationToken);
            }

            return;
        }

        if (!claimed)
        {
            SlackLog.Duplicate(logger, delivery.DedupeKey);
            return;
        }

        switch (delivery.Kind)
        {
            case SlackDeliveryKind.Event:
                await HandleEventAsync(delivery.Payload, correlationId, cancellationToken);
                break;
            case SlackDeliveryKind.SlashCommand:
                await HandleSlashCommandAsync(delivery.Payload, correlationId, cancellationToken);
                break;
            case SlackDeliveryKind.Interaction:
                await HandleInteractionAsync(delivery.Payload, correlationId, cancellationToken);
                break;
        }
    }

    public void Dispose() => _compute.Dispose();

    /// <summary>An admin of the workspace the request came from: <c>Slack:Admins</c> lists "U…" (a user id, which belongs
    /// to one workspace) or "T…:U…" (that user in that workspace only).</summary>
    private bool IsAdmin(string? teamId, string userId) =>
        _options.Admins.Contains(userId, StringComparer.Ordinal)
        || (teamId is not null && _options.Admins.Contains(teamId + ":" + userId, StringComparer.Ordinal));

    /// <summary>The library whose conversation turns a channel of <paramref name="teamId"/> reads and writes; null (no turns) without one.</summary>
    private string? LibraryOf(string? teamId, string channel) => _libraries.Resolve(Platform, teamId, channel).Library;

    /// <summary>The workspace (team id) of an Events API payload, a slash command or an interactive payload.</summary>
    private static string? TeamOf(JsonElement payload) =>
        SlackInbox.Text(payload, "team_id") ?? (Property(payload, "team") is { } team ? SlackInbox.Text(team, "id") : null);

    /// <summary>
    /// Works the request out in one of the <see cref="SlackOptions.Workers"/> slots. A streamed answer holds its slot
    /// while its updates are posted, so <paramref name="onPartial"/> is used only when no other request is waiting.
    /// </summary>
    private async Task<ChatReply> RunAsync(ChatRequest request, Func<string, CancellationToken, Task>? onPartial, CancellationToken cancellationToken)
    {
        SlackLog.Received(logger, request.Command.ToString(), request.UserId, request.ChannelId, request.Argument);
        Interlocked.Increment(ref _awaitingCompute);
        try
        {
            await _compute.WaitAsync(cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _awaitingCompute);
        }

        try
        {
            var idle = inbox.Backlog == 0 && Volatile.Read(ref _awaitingCompute) == 0;
            return await handler.HandleAsync(request with { OnPartialAnswer = idle ? onPartial : null }, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            SlackLog.RequestFailed(logger, ex, request.Command.ToString(), request.CorrelationId);
            return ChatReply.Error("Something went wrong while doing that.", request.CorrelationId);
        }
        finally
        {
            _compute.Release();
        }
    }

    /// <summary>
    /// Posts a reply as one or more messages to a channel (in a thread when given); returns the first ts. An ephemeral
    /// reply goes to <paramref name="userId"/> only.
    /// </summary>
    private Task<string> PostAsync(string channelId, string? threadTs, string userId, ChatReply reply, CancellationToken cancellationToken) =>
        new SlackThreadReply(api, channelId, threadTs, userId, timeProvider).SendAsync(reply, cancellationToken);

    private static JsonElement? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;
}
