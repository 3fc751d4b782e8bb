using System.Diagnostics;
using System.Text.Json.Nodes;
using ChatBot.Core.Chat;
using ChatBot.Core.Conversations;
using ChatBot.Core.Events;
using ChatBot.TestKit.Slack;
using Microsoft.Extensions.Hosting;
using Moq;

namespace ChatBot.IntegrationTests.Slack;

public sealed partial class SlackSocketModeTests
{
    private static readonly TimeSpan Timeout = SlackTestHost.Timeout;

    private static bool PostIn(RecordedSlackRequest r, string threadTs) => r.Method == "chat.postMessage" && r.ThreadTs == threadTs;

    [Fact]
    public async Task AppMention_AckedWithin3Seconds_AnsweredInThreadCitingSource()
    {
        await using var bot = await SlackTestHost.StartAsync();
        var socket = await bot.Slack.WaitForSocketAsync(0, Timeout);

        var watch = Stopwatch.StartNew();
        await socket.SendAsync(SlackPayloads.Envelope("env-1", "events_api", SlackPayloads.AppMention("Ev1", "1700000000.000100", "What did LeCun say about DeepSeek R1?")));
        var ack = await socket.ReceiveAsync(Timeout);
        watch.Stop();

        Assert.Equal("env-1", (string?)ack["envelope_id"]);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"ack took {watch.Elapsed}");
        var post = await bot.Slack.WaitForRequestAsync(r => PostIn(r, "1700000000.000100"), Timeout);
        Assert.Equal(SlackPayloads.Channel, post.Channel);
        Assert.Contains("<https://example.invalid/lecun-r1|LeCun on DeepSeek R1>", post.AllText, StringComparison.Ordinal);
        Assert.Equal("Bearer xoxb-test-token", post.Authorization);
        var request = Assert.Single(bot.Received);
        Assert.Equal(ChatCommand.Ask, request.Command);
        Assert.Equal("What did LeCun say about DeepSeek R1?", request.Argument);
        Assert.Equal("slack", request.Platform);
    }

    [Fact]
    public async Task OneWorker_AnswerWaitingForItsChannelsPostTurn_DoesNotHoldUpAnotherChannel()
    {
        // Channel A just had a post, so its next one must wait ~3 s; the single worker answers channel B meanwhile.
        await using var bot = await SlackTestHost.StartAsync(overrides: new Dictionary<string, string?>
        {
            ["Slack:Workers"] = "1",
            ["Slack:MinPostIntervalMilliseconds"] = "3000",
        });
        var socket = await bot.Slack.WaitForSocketAsync(0, Timeout);
        static JsonObject In(string channel, string eventId, string ts)
        {
            var mention = SlackPayloads.AppMention(eventId, ts, "What did LeCun say?");
            mention["event"]!["channel"] = channel;
            return mention;
        }

        await socket.SendAsync(SlackPayloads.Envelope("env-1", "events_api", In("CAAAAAAAA", "Ev1", "1700000001.000100")));
        await bot.Slack.WaitForRequestAsync(r => PostIn(r, "1700000001.000100"), Timeout);
        await socket.SendAsync(SlackPayloads.Envelope("env-2", "events_api", In("CAAAAAAAA", "Ev2", "1700000002.000100")));
        await socket.ReceiveAsync(Timeout);
        await socket.SendAsync(SlackPayloads.Envelope("env-3", "events_api", In("CBBBBBBBB", "Ev3", "1700000003.000100")));
        await bot.Slack.WaitForRequestAsync(r => PostIn(r, "1700000002.000100"), Timeout);

        var threads = bot.Slack.Requests("chat.postMessage").Select(r => r.ThreadTs).ToList();
        Assert.Equal(["1700000001.000100", "1700000003.000100", "1700000002.000100"], threads);
    }

    [Fact]
    public async Task ThreadFollowUp_WithoutMention_AnsweredWithThreadHistory()
    {
        await using var bot = await SlackTestHost.StartAsync();
        var socket = await bot.Slack.WaitForSocketAsync(0, Timeout);
        const string thread = "1700000000.000100";
        await socket.SendAsync(SlackPayloads.Envelope("env-1", "events_api", SlackPayloads.AppMention("Ev1", thread, "What did LeCun say about DeepSeek R1?")));
        await bot.Slack.WaitForRequestAsync(r => PostIn(r, thread), Timeout);

        await socket.SendAsync(SlackPayloads.Envelope("env-2", "events_api", SlackPayloads.Message("Ev2", "1700000050.000200", "why does that matter?", threadTs: thread)));
        await bot.Slack.WaitForRequestAsync(r => PostIn(r, thread) && bot.Slack.Requests("chat.postMessage").Count == 2, Timeout);

        var followUp = bot.Received.Last();
        Assert.Equal("why does that matter?", followUp.Argument);
        Assert.Equal(thread, followUp.ThreadId);
        Assert.NotNull(followUp.History);
        Assert.Contains(followUp.History, t => t.Role == ConversationRole.User && t.Text == "What did LeCun say about DeepSeek R1?");
        Assert.Contains(followUp.History, t => t.Role == ConversationRole.Bot);
    }

    [Fact]
    public async Task OwnBotEditAndJoinMessages_Ignored()
    {
        await using var bot = await SlackTestHost.StartAsync();
        var socket = await bot.Slack.WaitForSocketAsync(0, Timeout);
        const string thread = "1700000000.000100";
        await socket.SendAsync(SlackPayloads.Envelope("env-1", "events_api", SlackPayloads.AppMention("Ev1", thread, "first question")));
        await bot.Slack.WaitForRequestAsync(r => PostIn(r, thread), Timeout);

        // In the bot's thread: its own message, another bot's, an edit and a join. Then a DM as a sentinel.
        await socket.SendAsync(SlackPayloads.Envelope("env-2", "events_api", SlackPayloads.Message("Ev2", "1700000001.000001", "own", thread, user: FakeSlackServer.BotUserId)));
        await socket.SendAsync(SlackPayloads.Envelope("env-3", "events_api", SlackPayloads.Message("Ev3", "1700000002.000001", "other bot", thread, user: "UOTHERBOT", botId: "B0OTHER")));
        await socket.SendAsync(SlackPayloads.Envelope("env-4", "events_api", SlackPayloads.Message("Ev4", "1700000003.000001", "edited", thread, subtype: "message_changed")));
        await socket.SendAsync(SlackPayloads.Envelope("env-5", "events_api", SlackPayloads.Message("Ev5", "1700000004.000001", "joined", subtype: "channel_join")));
        await socket.SendAsync(SlackPayloads.Envelope("env-6", "events_api", SlackPayloads.Message("Ev6", "1700000005.000001", "a DM question", channel: "D0123ABCDE", channelType: "im")));

        await bot.Slack.WaitForRequestAsync(r => r.Method == "chat.postMessage" && r.Channel == "D0123ABCDE", Timeout);
        for (var i = 0; i < 6; i++)
        {
            await socket.ReceiveAsync(Timeout);
        }

        Assert.Equal(["first question", "a DM question"], bot.Received.Select(r => r.Argument));
        Assert.Equal(2, bot.Slack.Requests("chat.postMessage").Count);
    }

    [Fact]
    public async Task SameEventTwice_AnsweredOnce()
    {
        await using var bot = await SlackTestHost.StartAsync();
        var socket = await bot.Slack.WaitForSocketAsync(0, Timeout);
        var mention = SlackPayloads.AppMention("Ev1", "1700000000.000100", "question");
        await socket.SendAsync(SlackPayloads.Envelope("env-1", "events_api", mention));
        await socket.SendAsync(SlackPayloads.Envelope("env-2", "events_api", (JsonObject)mention.DeepClone(), retryAttempt: 1));
        // A different event afterwards: once it is answered, both deliveries of the first were processed.
        await socket.SendAsync(SlackPayloads.Envelope("env-3", "events_api", SlackPayloads.AppMention("Ev2", "1700000009.000100", "sentinel")));

        Assert.Equal("env-1", (string?)(await socket.ReceiveAsync(Timeout))["envelope_id"]);
        Assert.Equal("env-2", (string?)(await socket.ReceiveAsync(Timeout))["envelope_id"]);
        await bot.Slack.WaitForRequestAsync(r => PostIn(r, "1700000009.000100"), Timeout);
        await bot.Slack.WaitForRequestAsync(r => PostIn(r, "1700000000.000100"), Timeout);

        Assert.Single(bot.Slack.Requests("chat.postMessage"), r => r.ThreadTs == "1700000000.000100");
        Assert.Single(bot.Received, r => r.Argument == "question");
    }

    [Fact]
    public async Task AppMention_ClaimFails_FailureWithRefToTheAskerInThreadInsteadOfSilence()
    {
        var deduplicator = new Mock<IEventDeduplicator>();
        deduplicator.Setup(d => d.TryClaimAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new TimeoutException("database unavailable"));
        await using var bot = await SlackTestHost.StartAsync(deduplicator: deduplicator.Object);
        var socket = await bot.Slack.WaitForSocketAsync(0, Timeout);

        await socket.SendAsync(SlackPayloads.Envelope("env-1", "events_api", SlackPayloads.AppMention("Ev1", "1700000000.000100", "question")));

        var post = await bot.Slack.WaitForRequestAsync(r => r.Method == "chat.postEphemeral" && r.ThreadTs == "1700000000.000100", Timeout);
        Assert.Matches(@"Something went wrong while doing that\. \(ref [0-9a-f]{8}\)", post.AllText);
        Assert.Equal(SlackPayloads.User, (string?)post.Json!["user"]);
        Assert.Empty(post.SpecProblems);
        Assert.Empty(bot.Slack.Requests("chat.postMessage"));
        Assert.Empty(bot.Received);
    }

    [Fact]
    public async Task AppMention_ConversationStoreDown_StillAnsweredInThread()
    {
        var conversations = new Mock<IConversationStore>();
        conversations.Setup(c => c.GetTurnsAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new TimeoutException("database unavailable"));
        conversations.Setup(c => c.AppendAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<ConversationTurn>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new TimeoutException("database unavailable"));
        await using var bot = await SlackTestHost.StartAsync(conversations: conversations.Object);
        var socket = await bot.Slack.WaitForSocketAsync(0, Timeout);

        await socket.SendAsync(SlackPayloads.Envelope("env-1", "events_api", SlackPayloads.AppMention("Ev1", "1700000000.000100", "What did LeCun say about DeepSeek R1?")));

        var post = await bot.Slack.WaitForRequestAsync(r => PostIn(r, "1700000000.000100"), Timeout);
        Assert.Contains("LeCun on DeepSeek R1", post.AllText, StringComparison.Ordinal);
        var request = Assert.Single(bot.Received);
        Assert.Empty(request.History ?? []);
    }

    [Fact]
    public async Task PostMessage429Once_RetriedOnceAfterRetryAfter()
    {
        await using var bot = await SlackTestHost.StartAsync();
        var socket = await bot.Slack.WaitForSocketAsync(0, Timeout);
        bot.Slack.RateLimitNext("chat.postMessage", retryAfterSeconds: 1);

        await socket.SendAsync(SlackPayloads.Envelope("env-1", "events_api", SlackPayloads.AppMention("Ev1", "1700000000.000100", "question")));
        await bot.Slack.WaitForRequestAsync(r => r.Method == "chat.postMessage" && bot.Slack.Requests("chat.postMessage").Count == 2, Timeout);

        var posts = bot.Slack.Requests("chat.postMessage");
        Assert.Equal(2, posts.Count);
        Assert.True(posts[1].At - posts[0].At >= TimeSpan.FromMilliseconds(900), $"retried after {posts[1].At - posts[0].At}");
        Assert.Equal(posts[0].Body, posts[1].Body);
    }

    [Fact]
    public async Task ChannelMentionInQuestion_NeverEchoedRaw()
    {
        await using var bot = await SlackTestHost.StartAsync(reply: r => SlackTestHost.Answer($"You asked: {r.Argument} <!everyone> <!here>"));
        var socket = await bot.Slack.WaitForSocketAsync(0, Timeout);

        await socket.SendAsync(SlackPayloads.Envelope("env-1", "events_api", SlackPayloads.AppMention("Ev1", "1700000000.000100", "<!channel> what is new?")));
        var post = await bot.Slack.WaitForRequestAsync(r => r.Method == "chat.postMessage", Timeout);

        var body = post.AllText;
        Assert.DoesNotContain("<!channel>", body, StringComparison.Ordinal);
        Assert.DoesNotContain("<!here>", body, StringComparison.Ordinal);
        Assert.DoesNotContain("<!everyone>", body, StringComparison.Ordinal);
        Assert.DoesNotContain("link_names", body, StringComparison.Ordinal);
        Assert.Contains("&lt;!everyone&gt;", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostMessageAndFeedbackThanks_MatchTheWebApiSpec()
    {
        await using var bot = await SlackTestHost.StartAsync();
        var socket = await bot.Slack.WaitForSocketAsync(0, Timeout);
        var spec = SlackWebApiSpec.Load();
        await socket.SendAsync(SlackPayloads.Envelope("env-1", "events_api", SlackPayloads.AppMention("Ev1", "1700000000.000100", "question")));
        var post = await bot.Slack.WaitForRequestAsync(r => r.Method == "chat.postMessage", Timeout);

        await socket.SendAsync(SlackPayloads.Envelope("env-2", "interactive", SlackPayloads.BlockAction("feedback:up", "1700000200.000300", "1700000000.000100", bot.Slack.ResponseUrl("x"), "trig-9")));
        var thanks = await bot.Slack.WaitForRequestAsync(r => r.Method == "chat.postEphemeral", Timeout);

        Assert.Empty(spec.Check("chat.postMessage", post.Json!, post.Authorization));
        Assert.Empty(spec.Check("chat.postEphemeral", thanks.Json!, thanks.Authorization));
        Assert.Contains(ChatBot.Core.Stats.FeedbackVotes.Thanks, thanks.AllText, StringComparison.Ordinal);
        Assert.Empty(bot.Slack.Requests("chat.update"));
    }
}
