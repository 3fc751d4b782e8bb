using ChatBot.Core.Chat;
using ChatBot.Core.Model;
using ChatBot.TestKit.Slack;

namespace ChatBot.IntegrationTests.Slack;

/// <summary>Link summaries (/autosummary on) against the fake Slack: a thread reply under the message, once, quietly.</summary>
public sealed class SlackLinkSummaryTests
{
    private static readonly TimeSpan Timeout = SlackTestHost.Timeout;

    private static ChatReply Summary(ChatRequest request) => request.Argument.Contains("unreadable", StringComparison.Ordinal)
        ? ChatReply.Error("Could not read it.", request.CorrelationId)
        : new ChatReply(ReplyKind.Summary, "R1 is an open model. It reasons step by step.")
        {
            Title = "Summary: DeepSeek R1 explained",
            Citations = [new Citation(1, 2, "DeepSeek R1 explained", "https://example.invalid/r1", "https://example.invalid/r1", string.Empty, 1)],
        };

    [Fact]
    public async Task LinkInAChannelThatIsOn_GetsOneSummaryInItsThread()
    {
        await using var bot = await SlackTestHost.StartAsync(reply: Summary);
        await bot.AutoSummaries.SetAsync("slack", SlackPayloads.Channel, true, default);
        var socket = await bot.Slack.WaitForSocketAsync(0, Timeout);

        await socket.SendAsync(SlackPayloads.Envelope("env-1", "events_api", SlackPayloads.Message("Ev1", "1700000500.000100", "Worth reading: <https://example.invalid/r1>")));
        await socket.SendAsync(SlackPayloads.Envelope("env-2", "events_api", SlackPayloads.Message("Ev1", "1700000500.000100", "Worth reading: <https://example.invalid/r1>")));

        var post = await bot.Slack.WaitForRequestAsync(r => r.Method == "chat.postMessage", Timeout);
        Assert.Empty(post.SpecProblems);
        Assert.Equal("1700000500.000100", post.ThreadTs);
        Assert.Contains("R1 is an open model", post.AllText, StringComparison.Ordinal);
        var request = Assert.Single(bot.Received);
        Assert.Equal((ChatCommand.Summarize, "https://example.invalid/r1 short"), (request.Command, request.Argument));
    }

    [Fact]
    public async Task NoReply_ForBots_ThreadReplies_ChannelsThatAreOff_OrLinksThatCannotBeRead()
    {
        await using var bot = await SlackTestHost.StartAsync(reply: Summary);
        await bot.AutoSummaries.SetAsync("slack", SlackPayloads.Channel, true, default);
        var socket = await bot.Slack.WaitForSocketAsync(0, Timeout);

        await socket.SendAsync(SlackPayloads.Envelope("e1", "events_api", SlackPayloads.Message("Ev1", "1700000600.000001", "<https://example.invalid/a>", botId: "B0OTHER")));
        await socket.SendAsync(SlackPayloads.Envelope("e2", "events_api", SlackPayloads.Message("Ev2", "1700000600.000002", "<https://example.invalid/b>", threadTs: "1700000000.000009")));
        await socket.SendAsync(SlackPayloads.Envelope("e3", "events_api", SlackPayloads.Message("Ev3", "1700000600.000003", "<https://example.invalid/c>", channel: "C0OFF0001")));
        await socket.SendAsync(SlackPayloads.Envelope("e4", "events_api", SlackPayloads.Message("Ev4", "1700000600.000004", "<https://example.invalid/unreadable>")));
        await socket.SendAsync(SlackPayloads.Envelope("e5", "events_api", SlackPayloads.Message("Ev5", "1700000600.000005", "<https://example.invalid/d>")));

        var post = await bot.Slack.WaitForRequestAsync(r => r.Method == "chat.postMessage", Timeout);
        Assert.Equal("1700000600.000005", post.ThreadTs);
        Assert.Single(bot.Slack.Requests("chat.postMessage"));
        Assert.Empty(bot.Slack.Requests("chat.postEphemeral"));
    }
}
