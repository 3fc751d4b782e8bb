using ChatBot.Core.Chat;
using ChatBot.Core.Model;
using ChatBot.TestKit.Discord;
using static ChatBot.IntegrationTests.Discord.DiscordRoutes;

namespace ChatBot.IntegrationTests.Discord;

/// <summary>Link summaries (/autosummary on) against the fake Discord, and the 4014 fallback to intents without Message Content.</summary>
public sealed class DiscordLinkSummaryTests : IAsyncLifetime
{
    private const string Channel = DiscordPayloads.ChannelId;
    private FakeDiscordServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeDiscordServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static ChatReply Summary(ChatRequest request) => request.Argument.Contains("unreadable", StringComparison.Ordinal)
        ? new ChatReply(ReplyKind.Error, "Could not read it (ref x)") { Ephemeral = true }
        : new ChatReply(ReplyKind.Summary, "R1 is an open model. It reasons step by step.")
        {
            Title = "Summary: DeepSeek R1 explained",
            Citations = [new Citation(1, 2, "DeepSeek R1 explained", "https://example.invalid/r1", "https://example.invalid/r1", string.Empty, 1)],
        };

    private Task<FakeDiscordRequest> ReplyToAsync(string messageId) =>
        _server.WaitForRequestAsync(r => r.Template == ChannelMessages && r.Body.Contains($"\"message_id\":\"{messageId}\"", StringComparison.Ordinal), Patience);

    [Fact]
    public async Task LinkInAChannelThatIsOn_GetsOneShortSummaryReply()
    {
        await using var harness = await DiscordPlatformHarness.StartAsync(_server, reply: Summary);
        await harness.AutoSummaries.SetAsync("discord", Channel, true, default);
        var connection = await ConnectedAsync(_server);

        var message = DiscordPayloads.Message("7700000000000000101", "Worth reading: https://example.invalid/r1");
        await connection.DispatchAsync("MESSAGE_CREATE", message);
        await connection.DispatchAsync("MESSAGE_CREATE", message.DeepClone());

        var post = await ReplyToAsync("7700000000000000101");
        Assert.Empty(post.SchemaErrors);
        Assert.Contains("R1 is an open model", post.Body, StringComparison.Ordinal);
        Assert.Equal(0, BodyOf(post).GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength());
        var request = Assert.Single(harness.HandledRequests);
        Assert.Equal((ChatCommand.Summarize, "https://example.invalid/r1 short"), (request.Command, request.Argument));
        Assert.Equal(DiscordPayloads.GuildId, request.Workspace);

        // The redelivered message was claimed already; a later message proves the queue moved on.
        await connection.DispatchAsync("MESSAGE_CREATE", DiscordPayloads.Message("7700000000000000102", "and https://example.invalid/r2"));
        await ReplyToAsync("7700000000000000102");
        Assert.Single(_server.Requests, r => r.Body.Contains("\"message_id\":\"7700000000000000101\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NoReply_ForBots_ChannelsThatAreOff_TextWithoutLink_OrLinksThatCannotBeRead()
    {
        await using var harness = await DiscordPlatformHarness.StartAsync(_server, reply: Summary);
        await harness.AutoSummaries.SetAsync("discord", Channel, true, default);
        var connection = await ConnectedAsync(_server);

        await connection.DispatchAsync("MESSAGE_CREATE", DiscordPayloads.Message("7700000000000000201", "https://example.invalid/a", authorId: "8800000000000000008", authorIsBot: true));
        await connection.DispatchAsync("MESSAGE_CREATE", DiscordPayloads.Message("7700000000000000202", "https://example.invalid/b", authorId: FakeDiscordServer.ApplicationId, authorIsBot: true));
        await connection.DispatchAsync("MESSAGE_CREATE", DiscordPayloads.Message("7700000000000000203", "no link at all"));
        await connection.DispatchAsync("MESSAGE_CREATE", DiscordPayloads.Message("7700000000000000204", "https://example.invalid/unreadable"));
        var offChannel = DiscordPayloads.Message("7700000000000000205", "https://example.invalid/c");
        offChannel["channel_id"] = "4400000000000000099";
        await connection.DispatchAsync("MESSAGE_CREATE", offChannel);
        await connection.DispatchAsync("MESSAGE_CREATE", DiscordPayloads.Message("7700000000000000206", "https://example.invalid/d"));

        await ReplyToAsync("7700000000000000206");
        Assert.Single(_server.Requests, r => r.Template == ChannelMessages);
        Assert.Equal(
            ["https://example.invalid/unreadable short", "https://example.invalid/d short"],
            harness.HandledRequests.Select(r => r.Argument).Order().Reverse());
    }

    [Fact]
    public async Task MessageContentRefused_4014_ReconnectsWithoutIt_AndKeepsServingMentions()
    {
        _server.EnabledPrivilegedIntents = 0;
        await using var harness = await DiscordPlatformHarness.StartAsync(_server, reply: Summary, overrides: new Dictionary<string, string?>
        {
            ["Discord:Intents"] = (4608 | 32768).ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        await harness.AutoSummaries.SetAsync("discord", Channel, true, default);

        var refused = await _server.NextConnectionAsync(Patience);
        await refused.WaitForOpAsync(2, Patience);
        var connection = await ConnectedAsync(_server);

        Assert.Equal([4608 | 32768, 4608], _server.IdentifiedIntents);
        Assert.False(harness.Execution!.IsCompleted);
        var warning = Assert.Single(harness.Logs.Entries, e => e.EventId.Id == 1112);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, warning.Level);
        Assert.Contains("4014", warning.Message, StringComparison.Ordinal);
        Assert.Contains("32768", warning.Message, StringComparison.Ordinal);
        Assert.Contains("Message Content", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(harness.Logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Critical);

        // Without Message Content others' messages come without text; one that mentions the bot still carries it.
        await connection.DispatchAsync("MESSAGE_CREATE", DiscordPayloads.Message("7700000000000000301", string.Empty));
        await connection.DispatchAsync("MESSAGE_CREATE", DiscordPayloads.Message("7700000000000000302", $"<@{FakeDiscordServer.ApplicationId}> https://example.invalid/r1"));
        await ReplyToAsync("7700000000000000302");
        Assert.Single(harness.HandledRequests);
    }
}
