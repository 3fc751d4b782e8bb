using System.Text.Json;
using ChatBot.Slack;
using ChatBot.Slack.Inbound;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatBot.Tests.Slack.Inbound;

public sealed class SlackInboxTests
{
    private static JsonElement Event(string id) => JsonDocument.Parse("{\"event_id\":\"" + id + "\",\"event\":{\"type\":\"app_mention\"}}").RootElement;

    [Fact]
    public void Accept_QueueFull_EventGoesToRefusalsInsteadOfVanishing()
    {
        var inbox = new SlackInbox(Options.Create(new SlackOptions { QueueCapacity = 1 }), NullLogger<SlackInbox>.Instance);

        inbox.Accept(SlackDeliveryKind.Event, Event("Ev1"), "env-1");
        inbox.Accept(SlackDeliveryKind.Event, Event("Ev2"), "env-2");

        Assert.True(inbox.Reader.TryRead(out var queued));
        Assert.Equal("event:Ev1", queued.DedupeKey);
        Assert.True(inbox.Refusals.TryRead(out var refused));
        Assert.Equal("event:Ev2", refused.DedupeKey);
    }

    [Fact]
    public void Accept_QueueFull_SlashCommandRefusedInTheAck()
    {
        var inbox = new SlackInbox(Options.Create(new SlackOptions { QueueCapacity = 1 }), NullLogger<SlackInbox>.Instance);
        var command = JsonDocument.Parse("""{"trigger_id":"t1","text":"ask x"}""").RootElement;

        inbox.Accept(SlackDeliveryKind.SlashCommand, command, "env-1");
        var ack = inbox.Accept(SlackDeliveryKind.SlashCommand, command, "env-2");

        Assert.Equal(SlackInbox.BusyText, (string?)ack?["text"]);
        Assert.False(inbox.Refusals.TryRead(out _));
    }
}
