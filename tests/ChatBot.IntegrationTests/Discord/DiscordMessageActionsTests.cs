using ChatBot.Core.Chat;
using ChatBot.Core.Model;
using ChatBot.Discord.MessageActions;
using ChatBot.TestKit.Discord;
using static ChatBot.IntegrationTests.Discord.DiscordRoutes;

namespace ChatBot.IntegrationTests.Discord;

/// <summary>The message context-menu commands "Summarize" and "Ask about this article" (a modal) against the fake Discord.</summary>
public sealed class DiscordMessageActionsTests : IAsyncLifetime
{
    private FakeDiscordServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeDiscordServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static ChatReply Summary(ChatRequest request) => new(ReplyKind.Summary, "R1 is an open model that reasons step by step.")
    {
        Title = "Summary: DeepSeek R1 explained",
        Citations = [new Citation(1, 2, "DeepSeek R1 explained", "https://example.invalid/r1", "https://example.invalid/r1", string.Empty, 1)],
    };

    [Fact]
    public async Task Summarize_OnAMessage_RunsOnItsTextAndLinks_AndEditsThePublicReply()
    {
        await using var harness = await DiscordPlatformHarness.StartAsync(_server, reply: Summary);
        var connection = await ConnectedAsync(_server);

        await connection.DispatchAsync("INTERACTION_CREATE", DiscordPayloads.MessageCommand(
            "3300000000000000701", DiscordMessageActions.SummarizeName, "Have you read this?", "https://example.invalid/r1"));

        var edit = await _server.WaitForRequestAsync(r => r.Method == "PATCH" && r.Template == Original && For(r, "3300000000000000701"), Patience);
        Assert.Empty(edit.SchemaErrors);
        Assert.Contains("R1 is an open model", edit.Body, StringComparison.Ordinal);
        Assert.Contains("https://example.invalid/r1", edit.Body, StringComparison.Ordinal);
        Assert.Null(Flags(BodyOf(edit)));
        var request = Assert.Single(harness.HandledRequests);
        Assert.Equal(ChatCommand.SummarizeMessage, request.Command);
        Assert.Equal("Have you read this?\nhttps://example.invalid/r1", request.Argument);
    }

    [Fact]
    public async Task Summarize_TooShortWithoutLink_ExplainsPrivately()
    {
        await using var harness = await DiscordPlatformHarness.StartAsync(_server, reply: _ => ChatReply.Refusal("That message has no article link, and it is too short to summarize."));
        var connection = await ConnectedAsync(_server);

        await connection.DispatchAsync("INTERACTION_CREATE", DiscordPayloads.MessageCommand("3300000000000000702", DiscordMessageActions.SummarizeName, "lol"));

        var followUp = await _server.WaitForRequestAsync(r => r.Template == FollowUp && For(r, "3300000000000000702"), Patience);
        Assert.Empty(followUp.SchemaErrors);
        Assert.Equal(64, Flags(BodyOf(followUp)));
        Assert.Contains("too short", followUp.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskAboutArticle_OpensAModalWithTheLink_AndItsSubmissionAsksAboutThatArticle()
    {
        await using var harness = await DiscordPlatformHarness.StartAsync(_server);
        var connection = await ConnectedAsync(_server);

        await connection.DispatchAsync("INTERACTION_CREATE", DiscordPayloads.MessageCommand(
            "3300000000000000703", DiscordMessageActions.AskName, "Worth a read: <https://example.invalid/r1>."));

        var modal = await _server.WaitForRequestAsync(r => r.Template == Callback && For(r, "3300000000000000703"), Patience);
        Assert.Empty(modal.SchemaErrors);
        var body = BodyOf(modal);
        Assert.Equal(9, body.GetProperty("type").GetInt32());
        Assert.Equal(DiscordMessageActions.AskModalId, body.GetProperty("data").GetProperty("custom_id").GetString());
        Assert.Contains("\"value\":\"https://example.invalid/r1\"", modal.Body, StringComparison.Ordinal);
        Assert.Empty(harness.HandledRequests);

        await connection.DispatchAsync("INTERACTION_CREATE", DiscordPayloads.ModalSubmit(
            "3300000000000000704", DiscordMessageActions.AskModalId, ("article", "https://example.invalid/r1"), ("question", "Is it open?")));

        var edit = await _server.WaitForRequestAsync(r => r.Method == "PATCH" && r.Template == Original && For(r, "3300000000000000704"), Patience);
        Assert.Empty(edit.SchemaErrors);
        var request = Assert.Single(harness.HandledRequests);
        Assert.Equal(ChatCommand.AskArticle, request.Command);
        Assert.Equal("https://example.invalid/r1 Is it open?", request.Argument);
    }

    [Fact]
    public async Task AskAboutArticle_OnAMessageWithoutLink_SaysSoPrivately()
    {
        await using var harness = await DiscordPlatformHarness.StartAsync(_server);
        var connection = await ConnectedAsync(_server);

        await connection.DispatchAsync("INTERACTION_CREATE", DiscordPayloads.MessageCommand("3300000000000000705", DiscordMessageActions.AskName, "no links here"));

        var callback = await _server.WaitForRequestAsync(r => r.Template == Callback && For(r, "3300000000000000705"), Patience);
        Assert.Empty(callback.SchemaErrors);
        Assert.Equal(4, BodyOf(callback).GetProperty("type").GetInt32());
        Assert.Equal(64, Flags(BodyOf(callback).GetProperty("data")));
        Assert.Contains(DiscordMessageActions.NoLink, callback.Body, StringComparison.Ordinal);
        Assert.Empty(harness.HandledRequests);
    }
}
