using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using ChatBot.Core.Chat;
using ChatBot.Core.Events;
using ChatBot.Core.Stats;
using ChatBot.Core.Telemetry;
using ChatBot.Discord.Gateway;
using ChatBot.Discord.Logging;
using ChatBot.Discord.MessageActions;
using ChatBot.Discord.Rendering;
using ChatBot.Discord.Rest;
using Microsoft.Extensions.Logging;

namespace ChatBot.Discord.Interactions;

/// <summary>
/// Turns INTERACTION_CREATE into work in two bounded stages so the gateway loop never waits: acknowledgers
/// (dedupe, rights, a response within 3 s: deferred, or direct for refusals, "busy" (<see cref="DiscordQueueAdmission"/>),
/// buttons and autocomplete (<see cref="DiscordAutocomplete"/>)) and the
/// <see cref="DiscordWorkQueue"/> (runs the command through <see cref="IChatCommandHandler"/>, showing a streamed answer as it
/// grows, then edits the deferred reply).
/// </summary>
public sealed class DiscordInteractionDispatcher : IGatewayDispatchHandler
{
    private const int Acknowledgers = 8;

    /// <summary>
    /// How long after its arrival an interaction's dedupe claim may take (a database restart) before the interaction gets a
    /// failure reply instead: Discord wants a response within 3 s. One that waited in the queue still gets the minimum,
    /// so a backlog behind a slow database drains quickly instead of waiting the whole budget one by one.
    /// </summary>
    private static readonly TimeSpan ClaimBudget = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MinimumClaimBudget = TimeSpan.FromMilliseconds(200);
    private readonly Channel<(JsonElement Data, long ReceivedAt)> _incoming;
    private readonly DiscordWorkQueue _work;
    private readonly DiscordQueueAdmission _admission;
    private readonly DiscordAutocomplete _autocomplete;
    private readonly DiscordApi _api;
    private readonly IEventDeduplicator _deduplicator;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<DiscordInteractionDispatcher> _logger;
    private readonly FeedbackVotes _feedback;

    public DiscordInteractionDispatcher(
        DiscordApi api,
        DiscordWorkQueue work,
        DiscordQueueAdmission admission,
        DiscordAutocomplete autocomplete,
        IEventDeduplicator deduplicator,
        TimeProvider timeProvider,
        ILogger<DiscordInteractionDispatcher> logger,
        IQuestionLog? questionLog = null)
    {
        _api = api;
        _feedback = new FeedbackVotes(questionLog, timeProvider);
        _work = work;
        _admission = admission;
        _autocomplete = autocomplete;
        _deduplicator = deduplicator;
        _timeProvider = timeProvider;
        _logger = logger;
        _incoming = Channel.CreateBounded<(JsonElement, long)>(
            new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest },
            dropped => DiscordLog.InteractionDropped(logger, dropped.Item1.TryGetProperty("id", out var id) ? id.ToString() : "?"));
    }

    public ValueTask OnDispatchAsync(string eventName, JsonElement data, CancellationToken cancellationToken)
    {
        if (eventName == "INTERACTION_CREATE")
        {
            _incoming.Writer.TryWrite((data.Clone(), _timeProvider.GetTimestamp()));
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Runs the acknowledgers until cancelled (the <see cref="DiscordWorkQueue"/> runs the commands).</summary>
    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, Acknowledgers).Select(_ => AcknowledgeLoopAsync(cancellationToken)));

    private async Task AcknowledgeLoopAsync(CancellationToken cancellationToken)
    {
        await foreach (var (data, receivedAt) in _incoming.Reader.ReadAllAsync(cancellationToken))
        {
            var id = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() ?? "?" : "?";
            var correlationId = Guid.NewGuid().ToString("N")[..8];
            DiscordInteraction interaction;
            try
            {
                interaction = DiscordInteraction.Parse(data);
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
            {
                DiscordLog.InteractionFailed(_logger, ex, id, correlationId);
                await RefuseUnreadableAsync(data, correlationId, cancellationToken);
                continue;
            }

            try
            {
                if (await TryClaimAsync(interaction, receivedAt, correlationId, cancellationToken) is not true)
                {
                    continue;
                }

                await AcknowledgeAsync(interaction, receivedAt, correlationId, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                DiscordLog.InteractionFailed(_logger, ex, id, correlationId);
            }
        }
    }

    /// <summary>
    /// Claims the interaction (so a redelivery, or another replica, does not handle it too) within <see cref="ClaimBudget"/> of its arrival.
    /// True: ours to handle. False: handled already. Null: the claim failed or took too long (the database is restarting
    /// or down); the interaction has been answered with a short private failure and its ref instead, so the user is not
    /// left with Discord's "This interaction failed". That answer is not claimed: Discord accepts one response per
    /// interaction, so a later delivery of the same one cannot be answered twice.
    /// </summary>
    private async Task<bool?> TryClaimAsync(DiscordInteraction interaction, long receivedAt, string correlationId, CancellationToken cancellationToken)
    {
        using (var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            var left = ClaimBudget - _timeProvider.GetElapsedTime(receivedAt);
            budget.CancelAfter(left > MinimumClaimBudget ? left : MinimumClaimBudget);
            try
            {
                if (await _deduplicator.TryClaimAsync(DiscordPlatformService.Platform, interaction.Id, budget.Token))
                {
                    return true;
                }

                DiscordLog.DuplicateInteraction(_logger, interaction.Id);
                return false;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                DiscordLog.ClaimFailed(_logger, ex, interaction.Id, correlationId);
            }
        }

        var failure = $"Something went wrong (ref {correlationId}). Please try again in a minute.";
        await RespondAsync(interaction, 4, DiscordMessageRenderer.Plain(failure, ephemeral: true), cancellationToken);
        return null;
    }

    /// <summary>
    /// An interaction the bot cannot read (a field of the wrong type, text that is not valid UTF-16) still gets a clear,
    /// private answer when its id and token are readable, instead of Discord's "This interaction failed".
    /// </summary>
    private async Task RefuseUnreadableAsync(JsonElement data, string correlationId, CancellationToken cancellationToken)
    {
        if (data.ValueKind != JsonValueKind.Object
            || !data.TryGetProperty("id", out var idElement) || idElement.ValueKind != JsonValueKind.String
            || !data.TryGetProperty("token", out var tokenElement) || tokenElement.ValueKind != JsonValueKind.String)
        {
            return;
        }

        try
        {
            var id = idElement.GetString()!;
            if (!await _deduplicator.TryClaimAsync(DiscordPlatformService.Platform, id, cancellationToken))
            {
                return;
            }

            var response = new JsonObject
            {
                ["type"] = 4,
                ["data"] = DiscordMessageRenderer.Plain($"I couldn't read that request (ref {correlationId}).", ephemeral: true),
            };
            await _api.RespondAsync(id, tokenElement.GetString()!, response, cancellationToken);
        }
        catch (Exception ex) when (ex is DiscordApiException or HttpRequestException or InvalidOperationException)
        {
            DiscordLog.InteractionFailed(_logger, ex, "?", correlationId);
        }
    }

    private async Task AcknowledgeAsync(DiscordInteraction interaction, long receivedAt, string correlationId, CancellationToken cancellationToken)
    {
        switch (interaction.Type)
        {
            case DiscordInteraction.ApplicationCommand when DiscordMessageActions.IsAskCommand(interaction):
                await _api.RespondAsync(interaction.Id, interaction.Token, DiscordMessageActions.AskResponse(interaction), cancellationToken);
                break;
            case DiscordInteraction.ApplicationCommand or DiscordInteraction.ModalSubmit:
                var (command, argument) = DiscordCommandSet.ToCommand(interaction);
                await StartCommandAsync(interaction, command, argument, receivedAt, correlationId, cancellationToken);
                break;
            case DiscordInteraction.MessageComponent:
                await OnButtonAsync(interaction, receivedAt, correlationId, cancellationToken);
                break;
            case DiscordInteraction.Autocomplete:
                await _autocomplete.RespondAsync(interaction, cancellationToken);
                break;
        }
    }

    private async Task StartCommandAsync(DiscordInteraction interaction, ChatCommand command, string argument, long receivedAt, string correlationId, CancellationToken cancellationToken)
    {
        DiscordLog.CommandReceived(_logger, ChatCommands.Name(command), interaction.UserId, correlationId);
        DiscordLog.QuestionText(_logger, argument);
        if (ChatCommands.RequiresAdmin(command) && !interaction.IsAdmin)
        {
            var refusal = $"Only admins (Manage Server) can use /{ChatCommands.Name(command)}.";
            await RespondAsync(interaction, 4, DiscordMessageRenderer.Plain(refusal, ephemeral: true), cancellationToken);
            return;
        }

        using var slot = await _admission.AdmitAsync(interaction, cancellationToken);
        if (slot is null)
        {
            return;
        }

        var ephemeral = command is ChatCommand.Help || ChatCommands.RequiresAdmin(command);
        var defer = ephemeral ? new JsonObject { ["flags"] = DiscordMessageRenderer.EphemeralFlag } : null;
        await RespondAsync(interaction, 5, defer, cancellationToken);
        ChatTelemetry.RecordAnswerLatency(DiscordPlatformService.Platform, ChatCommands.Name(command), "ack", _timeProvider.GetElapsedTime(receivedAt));

        var reply = new DiscordReplyChannel(_api, interaction.Token, ephemeral, _timeProvider);
        var request = new ChatRequest(
            DiscordPlatformService.Platform,
            interaction.ChannelId ?? interaction.UserId,
            interaction.UserId,
            command,
            argument,
            interaction.IsAdmin,
            correlationId)
        {
            Workspace = interaction.GuildId,
            OnPartialAnswer = _work.CanStream ? reply.Partial : null,
        };
        slot.Enqueue(request, reply, interaction.Id);
    }

    private async Task OnButtonAsync(DiscordInteraction interaction, long receivedAt, string correlationId, CancellationToken cancellationToken)
    {
        var customId = interaction.CustomId ?? string.Empty;
        if (customId.StartsWith("summarize:", StringComparison.Ordinal))
        {
            await StartCommandAsync(interaction, ChatCommand.Summarize, customId["summarize:".Length..], receivedAt, correlationId, cancellationToken);
            return;
        }

        string text;
        if (FeedbackVotes.IsFeedback(customId))
        {
            DiscordLog.Feedback(_logger, customId[FeedbackVotes.Prefix.Length..], interaction.UserId);
            text = await _feedback.VoteAsync(DiscordPlatformService.Platform, interaction.UserId, customId, cancellationToken);
        }
        else if (customId == "sources")
        {
            text = SourcesOf(interaction.Message) ?? "This answer has no sources.";
        }
        else
        {
            text = "That button no longer works.";
        }

        await RespondAsync(interaction, 4, DiscordMessageRenderer.Plain(text, ephemeral: true), cancellationToken);
    }

    /// <summary>The "Sources" fields of the message the button is on.</summary>
    private static string? SourcesOf(JsonElement? message)
    {
        if (message is not { ValueKind: JsonValueKind.Object } m || !m.TryGetProperty("embeds", out var embeds) || embeds.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var lines = embeds.EnumerateArray()
            .Where(e => e.TryGetProperty("fields", out var f) && f.ValueKind == JsonValueKind.Array)
            .SelectMany(e => e.GetProperty("fields").EnumerateArray())
            .Where(f => f.TryGetProperty("name", out var n) && (n.GetString() ?? string.Empty).StartsWith("Sources", StringComparison.Ordinal))
            .Select(f => f.TryGetProperty("value", out var v) ? v.GetString() : null)
            .OfType<string>()
            .ToList();
        return lines.Count == 0 ? null : string.Join('\n', lines);
    }

    private Task RespondAsync(DiscordInteraction interaction, int type, JsonObject? data, CancellationToken cancellationToken)
    {
        var response = new JsonObject { ["type"] = type };
        if (data is not null)
        {
            response["data"] = data;
        }

        return _api.RespondAsync(interaction.Id, interaction.Token, response, cancellationToken);
    }
}
