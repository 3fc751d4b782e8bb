using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using ChatBot.Core.Telemetry;
using ChatBot.Slack.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Slack.Inbound;

/// <summary>
/// Where both transports hand over deliveries: decides the immediate acknowledgement (fast, no I/O) and
/// queues the slow work on a bounded channel that <see cref="SlackRequestProcessor"/> drains.
/// </summary>
public sealed class SlackInbox(IOptions<SlackOptions> options, ILogger<SlackInbox> logger)
{
    public const string WorkingText = "Working on it…";
    public const string BusyText = "I'm busy right now: please try again in a minute.";

    private readonly Channel<SlackDelivery> _queue = Channel.CreateBounded<SlackDelivery>(
        new BoundedChannelOptions(options.Value.QueueCapacity) { FullMode = BoundedChannelFullMode.Wait, SingleWriter = false });

    // Events that found the queue full: each gets a cheap "busy" reply instead of silence (slash commands get it in the ack).
    private readonly Channel<SlackDelivery> _refusals = Channel.CreateBounded<SlackDelivery>(
        new BoundedChannelOptions(options.Value.QueueCapacity * 4) { FullMode = BoundedChannelFullMode.Wait, SingleWriter = false });

    public ChannelReader<SlackDelivery> Reader => _queue.Reader;

    /// <summary>Requests acknowledged and waiting for a worker.</summary>
    public int Backlog => _queue.Reader.Count;

    /// <summary>Events the queue had no room for, waiting for a polite "busy" reply.</summary>
    public ChannelReader<SlackDelivery> Refusals => _refusals.Reader;

    /// <summary>Maps a Socket Mode envelope type ("events_api", "slash_commands", "interactive").</summary>
    public static SlackDeliveryKind? KindOf(string? envelopeType) => envelopeType switch
    {
        "events_api" => SlackDeliveryKind.Event,
        "slash_commands" => SlackDeliveryKind.SlashCommand,
        "interactive" => SlackDeliveryKind.Interaction,
        _ => null,
    };

    /// <summary>Queues a delivery; returns the acknowledgement's response payload (slash commands) or null.</summary>
    /// <param name="deliveryId">The envelope id (Socket Mode) or a request id: the dedupe key when the payload has none.</param>
    public JsonObject? Accept(SlackDeliveryKind kind, JsonElement payload, string deliveryId)
    {
        var key = kind switch
        {
            SlackDeliveryKind.Event => "event:" + (Text(payload, "event_id") ?? deliveryId),
            SlackDeliveryKind.SlashCommand => "command:" + (Text(payload, "trigger_id") ?? deliveryId),
            _ => "action:" + (Text(payload, "trigger_id") ?? deliveryId),
        };

        var delivery = new SlackDelivery(kind, key, payload.Clone());
        var queued = _queue.Writer.TryWrite(delivery);
        if (!queued)
        {
            SlackLog.QueueFull(logger, kind.ToString());
            ChatTelemetry.RecordBusy(SlackRequestProcessor.Platform);
            if (kind == SlackDeliveryKind.Event)
            {
                _refusals.Writer.TryWrite(delivery);
            }
        }

        return kind == SlackDeliveryKind.SlashCommand
            ? new JsonObject { ["response_type"] = "ephemeral", ["text"] = queued ? WorkingText : BusyText }
            : null;
    }

    public void Complete()
    {
        _queue.Writer.TryComplete();
        _refusals.Writer.TryComplete();
    }

    internal static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
