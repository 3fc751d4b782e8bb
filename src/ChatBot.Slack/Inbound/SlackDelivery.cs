using System.Text.Json;

namespace ChatBot.Slack.Inbound;

/// <summary>One acknowledged delivery waiting for a worker.</summary>
/// <param name="DedupeKey">The key claimed in <see cref="Core.Events.IEventDeduplicator"/> (event_id, trigger_id, envelope id).</param>
/// <param name="Payload">The payload as Slack sent it (event_callback, slash-command fields, interactive payload).</param>
public sealed record SlackDelivery(SlackDeliveryKind Kind, string DedupeKey, JsonElement Payload);
