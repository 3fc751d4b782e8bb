using System.Text.Json;
using ChatBot.Core.Chat;
using ChatBot.TestKit.Discord;
using static ChatBot.IntegrationTests.Discord.DiscordRoutes;

namespace ChatBot.IntegrationTests.Discord;

/// <summary>A reply to the bot's answer is a follow-up with that answer's question and answer as context, answered as a reply.</summary>
public sealed class DiscordFollowUpTests : IAsyncLifetime
{
    private const string Bot = FakeDiscordServer.ApplicationId;
    private FakeDiscordServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeDiscordServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <summary>Asks /ask through an interaction and returns the id of the answer's message.</summary>
    private async Task<string> AskAsync(FakeGatewayConnection connection, string interactionId, string question)
    {
        await connection.DispatchAsync("INTERACTION_CREATE", FakeDiscordServer.Interaction(interactionId, "ask", AskOptions(question)));
        var edit = await _server.WaitForRequestAsync(r => r.Method == "PATCH" && r.Template == Original && For(r, interactionId), Patience);
        return edit.ResponseId!;
    }

    /// <summary>A person's reply to the answer of interaction <paramref name="interactionId"/>.</summary>
    private static System.Text.Json.Nodes.JsonObject ReplyToAnswer(string id, string text, string answerId, string interactionId) =>
        DiscordPayloads.Message(id, text, replyTo: answerId, answeredInteraction: interactionId);

    private Task<FakeDiscordRequest> ReplyPostedAsync(int count) =>
        _server.WaitForRequestAsync(r => r.Template == ChannelMessages && _server.Requests.Count(q => q.Template == ChannelMessages) >= count, Patience);

    [Fact]
    public async Task MentioningReplyToAnswer_AskedWithQuestionAndAnswerAsContext_AnsweredAsReply()
    {
        await using var harness = await DiscordPlatformHarness.StartAsync(_server);
        var connection = await ConnectedAsync(_server);
        var answerId = await AskAsync(connection, "3300000000000000601", "Are open models catching up?");

        await connection.DispatchAsync("MESSAGE_CREATE", ReplyToAnswer("7700000000000000001", $"<@{Bot}> why does that matter?", answerId, "3300000000000000601"));

        var post = await ReplyPostedAsync(1);
        Assert.Empty(post.SchemaErrors);
        var body = BodyOf(post);
        Assert.Equal("7700000000000000001", body.GetProperty("message_reference").GetProperty("message_id").GetString());
        Assert.Equal(0, body.GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength());
        Assert.False(body.GetProperty("allowed_mentions").GetProperty("replied_user").GetBoolean());
        var followUp = harness.HandledRequests.Last();
        Assert.Equal((ChatCommand.Ask, "why does that matter?"), (followUp.Command, followUp.Argument));
        Assert.Equal("3300000000000000601", followUp.ThreadId);
        Assert.Equal(
            [(ConversationRole.User, "Are open models catching up?"), (ConversationRole.Bot, "Open models are catching up [1].")],
            followUp.History!.Select(t => (t.Role, t.Text)));
    }

    [Fact]
    public async Task ReplyToTheFollowUpAnswer_CarriesTheWholeConversation()
    {
        await using var harness = await DiscordPlatformHarness.StartAsync(_server);
        var connection = await ConnectedAsync(_server);
        var answerId = await AskAsync(connection, "3300000000000000602", "Are open models catching up?");
        await connection.DispatchAsync("MESSAGE_CREATE", ReplyToAnswer("7700000000000000002", $"<@{Bot}> why?", answerId, "3300000000000000602"));
        var second = (await ReplyPostedAsync(1)).ResponseId!;

        await connection.DispatchAsync("MESSAGE_CREATE", DiscordPayloads.Message("7700000000000000003", $"<@!{Bot}> and then?", replyTo: second, answeredMessage: "7700000000000000002"));
        await ReplyPostedAsync(2);

        var third = harness.HandledRequests.Last();
        Assert.Equal("and then?", third.Argument);
        Assert.Equal(["Are open models catching up?", "Open models are catching up [1].", "why?", "Open models are catching up [1]."], third.History!.Select(t => t.Text));
    }

    [Fact]
    public async Task ReplyWithoutText_OtherBotsAndRepliesToOthers_Ignored()
    {
        await using var harness = await DiscordPlatformHarness.StartAsync(_server);
        var connection = await ConnectedAsync(_server);
        var answerId = await AskAsync(connection, "3300000000000000603", "Are open models catching up?");

        // No text (a reply without a mention and no Message Content intent), another bot, a reply to a person, no reply at all.
        await connection.DispatchAsync("MESSAGE_CREATE", ReplyToAnswer("7700000000000000011", string.Empty, answerId, "3300000000000000603"));
        await connection.DispatchAsync("MESSAGE_CREATE", DiscordPayloads.Message("7700000000000000012", $"<@{Bot}> hi", replyTo: answerId, authorId: "8800000000000000008", authorIsBot: true));
        await connection.DispatchAsync("MESSAGE_CREATE", DiscordPayloads.Message("7700000000000000013", $"<@{Bot}> hi", replyTo: "7700000000000000099", replyToAuthor: DiscordPayloads.UserId));
        await connection.DispatchAsync("MESSAGE_CREATE", DiscordPayloads.Message("7700000000000000014", $"<@{Bot}> hi"));

        // A sentinel that is answered: everything before it was read and dropped.
        await connection.DispatchAsync("MESSAGE_CREATE", ReplyToAnswer("7700000000000000015", "sentinel question", answerId, "3300000000000000603"));
        var post = await ReplyPostedAsync(1);

        Assert.Equal("7700000000000000015", BodyOf(post).GetProperty("message_reference").GetProperty("message_id").GetString());
        Assert.Equal(2, harness.HandledRequests.Count);
        Assert.Single(_server.Requests, r => r.Template == ChannelMessages);
    }

    [Fact]
    public async Task SameMessageDeliveredTwice_AnsweredOnce()
    {
        await using var harness = await DiscordPlatformHarness.StartAsync(_server);
        var connection = await ConnectedAsync(_server);
        var answerId = await AskAsync(connection, "3300000000000000604", "Are open models catching up?");
        var message = ReplyToAnswer("7700000000000000021", $"<@{Bot}> why?", answerId, "3300000000000000604");

        await connection.DispatchAsync("MESSAGE_CREATE", message);
        await connection.DispatchAsync("MESSAGE_CREATE", message.DeepClone());
        await connection.DispatchAsync("MESSAGE_CREATE", ReplyToAnswer("7700000000000000022", $"<@{Bot}> sentinel", answerId, "3300000000000000604"));
        await ReplyPostedAsync(2);

        Assert.Single(harness.HandledRequests, r => r.Argument == "why?");
    }

    [Fact]
    public async Task ReplyToAnAnswerTheBotDoesNotRemember_TheAnswersOwnTextIsTheContext()
    {
        await using var harness = await DiscordPlatformHarness.StartAsync(_server);
        var connection = await ConnectedAsync(_server);

        await connection.DispatchAsync("MESSAGE_CREATE", DiscordPayloads.Message("7700000000000000031", $"<@{Bot}> why?", replyTo: "9000000000000000777", replyToText: "R1 is open [1]."));
        await ReplyPostedAsync(1);

        var history = Assert.Single(harness.HandledRequests).History!;
        Assert.Equal([(ConversationRole.Bot, "R1 is open [1].")], history.Select(t => (t.Role, t.Text)));
    }

    [Fact]
    public async Task ReplyToAnAnswerRememberedOnlyInAnotherServersLibrary_ThatConversationIsNotTheContext()
    {
        await using var harness = await DiscordPlatformHarness.StartAsync(_server);
        var connection = await ConnectedAsync(_server);
        await harness.Conversations.AppendAsync(
            "discord:9900000000000000099", "discord", DiscordPayloads.ChannelId, "3300000000000000699", new(ConversationRole.User, "another server's secret zqother", DateTimeOffset.UnixEpoch), default);

        await connection.DispatchAsync("MESSAGE_CREATE", DiscordPayloads.Message(
            "7700000000000000041", $"<@{Bot}> why?", replyTo: "9000000000000000778", replyToText: "R1 is open [1].", answeredInteraction: "3300000000000000699"));
        await ReplyPostedAsync(1);

        var history = Assert.Single(harness.HandledRequests).History!;
        Assert.Equal([(ConversationRole.Bot, "R1 is open [1].")], history.Select(t => (t.Role, t.Text)));
    }

    [Fact]
    public async Task Identify_AsksForMessageEventsWithoutPrivilegedIntents()
    {
        await using var harness = await DiscordPlatformHarness.StartAsync(_server);
        var connection = await _server.NextConnectionAsync(Patience);

        var identify = (await connection.WaitForOpAsync(2)).GetProperty("d");

        Assert.Equal(512 | 4096, identify.GetProperty("intents").GetInt32());
        Assert.Equal(0, identify.GetProperty("intents").GetInt32() & (1 << 15));
    }
}
