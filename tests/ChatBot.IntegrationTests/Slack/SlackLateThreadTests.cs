using System.Text.Json.Nodes;
using ChatBot.Core.Chat;
using ChatBot.Core.Conversations;
using ChatBot.TestKit.Slack;
using Moq;

namespace ChatBot.IntegrationTests.Slack;

/// <summary>A mention in a thread the bot never took part in: the earlier messages come from conversations.replies.</summary>
public sealed class SlackLateThreadTests
{
    private static readonly TimeSpan Timeout = SlackTestHost.Timeout;
    private const string Thread = "1700000000.000100";

    /// <summary>A thread of <paramref name="count"/> messages from people (the parent first), one by the bot and one by another bot.</summary>
    private static List<JsonObject> Messages(int count)
    {
        var messages = Enumerable.Range(0, count)
            .Select(i => SlackPayloads.ThreadMessage($"17000000{i + 10:D2}.000100", $"human message {i}", Thread, user: i % 2 == 0 ? "UHUMAN001" : "UHUMAN002"))
            .ToList();
        messages[0]["ts"] = Thread;
        messages.Insert(2, SlackPayloads.ThreadMessage("1700000011.500000", "an earlier answer", Thread, FakeSlackServer.BotUserId, FakeSlackServer.BotId));
        messages.Insert(3, SlackPayloads.ThreadMessage("1700000011.600000", "a feed bot's post", Thread, "UFEEDBOT1", "B0FEEDBOT"));
        return messages;
    }

    private static Task SendMentionAsync(FakeSlackSocket socket, string envelope, string eventId, string ts, string text) =>
        socket.SendAsync(SlackPayloads.Envelope(envelope, "events_api", SlackPayloads.AppMention(eventId, ts, text, threadTs: Thread)));

    [Fact]
    public async Task MentionInUnseenThread_EarlierMessagesReadWithCursorPagingAreTheContext()
    {
        await using var bot = await SlackTestHost.StartAsync();
        bot.Slack.RepliesPageSize = 2;
        bot.Slack.SetThread(SlackPayloads.Channel, Thread, Messages(5));
        var socket = await bot.Slack.WaitForSocketAsync(0, Timeout);

        await SendMentionAsync(socket, "env-1", "Ev1", "1700000099.000100", "what do you think?");
        await bot.Slack.WaitForRequestAsync(r => r.Method == "chat.postMessage", Timeout);

        var reads = bot.Slack.Requests("conversations.replies");
        Assert.Equal(4, reads.Count);
        Assert.All(reads, r => Assert.Empty(r.SpecProblems));
        Assert.All(reads, r => Assert.Equal("GET", r.HttpMethod));
        Assert.Contains("cursor=offset%3A2", reads[1].Query, StringComparison.Ordinal);
        var history = Assert.Single(bot.Received).History!;
        Assert.Equal(["human message 0", "human message 1", "an earlier answer", "human message 2", "human message 3", "human message 4"], history.Select(t => t.Text));
        Assert.Equal(ConversationRole.Bot, history[2].Role);
        Assert.All(history.Where(t => t.Text.StartsWith("human", StringComparison.Ordinal)), t => Assert.Equal(ConversationRole.User, t.Role));
    }

    [Fact]
    public async Task FollowUpAfterJoiningLate_StillHasTheEarlierMessages()
    {
        await using var bot = await SlackTestHost.StartAsync();
        bot.Slack.SetThread(SlackPayloads.Channel, Thread, Messages(3));
        var socket = await bot.Slack.WaitForSocketAsync(0, Timeout);
        await SendMentionAsync(socket, "env-1", "Ev1", "1700000099.000100", "what do you think?");
        await bot.Slack.WaitForRequestAsync(r => r.Method == "chat.postMessage", Timeout);

        await socket.SendAsync(SlackPayloads.Envelope("env-2", "events_api", SlackPayloads.Message("Ev2", "1700000120.000100", "and why?", threadTs: Thread)));
        await bot.Slack.WaitForRequestAsync(r => r.Method == "chat.postMessage" && bot.Slack.Requests("chat.postMessage").Count == 2, Timeout);

        var followUp = bot.Received.Last();
        Assert.Equal("and why?", followUp.Argument);
        Assert.Contains(followUp.History!, t => t.Text == "human message 1");
        Assert.Contains(followUp.History!, t => t.Text == "what do you think?");
        Assert.Single(bot.Slack.Requests("conversations.replies"));
    }

    [Fact]
    public async Task RateLimited_RetryAfterHonouredThenRead()
    {
        await using var bot = await SlackTestHost.StartAsync();
        bot.Slack.SetThread(SlackPayloads.Channel, Thread, Messages(3));
        bot.Slack.RateLimitNext("conversations.replies", 1);
        var socket = await bot.Slack.WaitForSocketAsync(0, Timeout);

        await SendMentionAsync(socket, "env-1", "Ev1", "1700000099.000100", "what do you think?");
        await bot.Slack.WaitForRequestAsync(r => r.Method == "chat.postMessage", Timeout);

        var reads = bot.Slack.Requests("conversations.replies");
        Assert.Equal([429, 200], reads.Select(r => r.Status));
        Assert.Contains(Assert.Single(bot.Received).History!, t => t.Text == "human message 2");
    }

    [Fact]
    public async Task LongThread_ReadIsBoundedToThreadHistoryPages()
    {
        await using var bot = await SlackTestHost.StartAsync(overrides: new Dictionary<string, string?> { ["Slack:ThreadHistoryPages"] = "2" });
        bot.Slack.RepliesPageSize = 2;
        bot.Slack.SetThread(SlackPayloads.Channel, Thread, Messages(12));
        var socket = await bot.Slack.WaitForSocketAsync(0, Timeout);

        await SendMentionAsync(socket, "env-1", "Ev1", "1700000099.000100", "what do you think?");
        await bot.Slack.WaitForRequestAsync(r => r.Method == "chat.postMessage", Timeout);

        Assert.Equal(2, bot.Slack.Requests("conversations.replies").Count);
        Assert.Equal(["human message 0", "human message 1", "an earlier answer"], Assert.Single(bot.Received).History!.Select(t => t.Text));
    }

    [Fact]
    public async Task StoreDown_ThreadReadOncePerThreadFromTheCache()
    {
        var conversations = new Mock<IConversationStore>();
        conversations.Setup(c => c.GetTurnsAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new TimeoutException("database unavailable"));
        await using var bot = await SlackTestHost.StartAsync(conversations: conversations.Object);
        bot.Slack.SetThread(SlackPayloads.Channel, Thread, Messages(3));
        var socket = await bot.Slack.WaitForSocketAsync(0, Timeout);

        await SendMentionAsync(socket, "env-1", "Ev1", "1700000099.000100", "first?");
        await bot.Slack.WaitForRequestAsync(r => r.Method == "chat.postMessage", Timeout);
        await SendMentionAsync(socket, "env-2", "Ev2", "1700000120.000100", "second?");
        await bot.Slack.WaitForRequestAsync(r => r.Method == "chat.postMessage" && bot.Slack.Requests("chat.postMessage").Count == 2, Timeout);

        Assert.Single(bot.Slack.Requests("conversations.replies"));
    }

    [Fact]
    public async Task ThreadUnreadable_MentionStillAnswered()
    {
        await using var bot = await SlackTestHost.StartAsync();
        var socket = await bot.Slack.WaitForSocketAsync(0, Timeout);

        await SendMentionAsync(socket, "env-1", "Ev1", "1700000099.000100", "what do you think?");
        var post = await bot.Slack.WaitForRequestAsync(r => r.Method == "chat.postMessage", Timeout);

        Assert.Equal(Thread, post.ThreadTs);
        Assert.Single(bot.Slack.Requests("conversations.replies"));
        Assert.Empty(Assert.Single(bot.Received).History!);
    }
}
