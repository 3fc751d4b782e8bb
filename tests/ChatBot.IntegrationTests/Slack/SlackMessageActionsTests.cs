using System.Text.Json.Nodes;
using ChatBot.Core.Chat;
using ChatBot.Slack.Inbound;
using ChatBot.TestKit.Slack;

namespace ChatBot.IntegrationTests.Slack;

/// <summary>The message shortcuts "Summarize" and "Ask about this article" (a modal through views.open) against the fake Slack.</summary>
public sealed class SlackMessageActionsTests
{
    private static readonly TimeSpan Timeout = SlackTestHost.Timeout;

    [Fact]
    public async Task SummarizeShortcut_RunsOnTheMessage_AndAnswersInItsThread()
    {
        await using var bot = await SlackTestHost.StartAsync();
        var socket = await bot.Slack.WaitForSocketAsync(0, Timeout);

        await socket.SendAsync(SlackPayloads.Envelope("env-1", "interactive", SlackPayloads.MessageShortcut(
            SlackRequestProcessor.SummarizeShortcut, "1700000400.000100", "Read <https://example.invalid/r1|this> &amp; tell me", bot.Slack.ResponseUrl("s1"), "trig-s1")));

        var post = await bot.Slack.WaitForRequestAsync(r => r.Method == "chat.postMessage", Timeout);
        Assert.Empty(post.SpecProblems);
        Assert.Equal("1700000400.000100", post.ThreadTs);
        var request = Assert.Single(bot.Received);
        Assert.Equal(ChatCommand.SummarizeMessage, request.Command);
        Assert.Equal("Read https://example.invalid/r1 & tell me", request.Argument);
        Assert.Equal("1700000400.000100", request.ThreadId);
    }

    [Fact]
    public async Task SummarizeShortcut_Refused_GoesToTheClickerOnly()
    {
        await using var bot = await SlackTestHost.StartAsync(reply: _ => ChatReply.Refusal("That message has no article link, and it is too short to summarize."));
        var socket = await bot.Slack.WaitForSocketAsync(0, Timeout);

        await socket.SendAsync(SlackPayloads.Envelope("env-1", "interactive", SlackPayloads.MessageShortcut(
            SlackRequestProcessor.SummarizeShortcut, "1700000400.000200", "ok", bot.Slack.ResponseUrl("s2"), "trig-s2", threadTs: "1700000000.000100")));

        var post = await bot.Slack.WaitForRequestAsync(r => r.Method == "chat.postEphemeral", Timeout);
        Assert.Empty(post.SpecProblems);
        Assert.Equal(SlackPayloads.User, (string?)post.Json!["user"]);
        Assert.Equal("1700000000.000100", post.ThreadTs);
        Assert.Empty(bot.Slack.Requests("chat.postMessage"));
    }

    [Fact]
    public async Task AskShortcut_OpensAModal_AndItsSubmissionIsAnsweredInTheThread()
    {
        await using var bot = await SlackTestHost.StartAsync();
        var socket = await bot.Slack.WaitForSocketAsync(0, Timeout);

        await socket.SendAsync(SlackPayloads.Envelope("env-1", "interactive", SlackPayloads.MessageShortcut(
            SlackRequestProcessor.AskShortcut, "1700000400.000300", "See <https://example.invalid/r1>", bot.Slack.ResponseUrl("a1"), "trig-a1")));

        var open = await bot.Slack.WaitForRequestAsync(r => r.Method == "views.open", Timeout);
        Assert.Empty(open.SpecProblems);
        Assert.Equal("GET", open.HttpMethod);
        var query = System.Web.HttpUtility.ParseQueryString(open.Query);
        Assert.Equal("trig-a1", query["trigger_id"]);
        var view = JsonNode.Parse(query["view"]!)!.AsObject();
        Assert.Equal("modal", (string?)view["type"]);
        Assert.Equal(SlackRequestProcessor.AskShortcut, (string?)view["callback_id"]);
        var metadata = (string)view["private_metadata"]!;
        Assert.Contains("https://example.invalid/r1", metadata, StringComparison.Ordinal);
        Assert.Empty(bot.Received);

        await socket.SendAsync(SlackPayloads.Envelope("env-2", "interactive", SlackPayloads.ViewSubmission(
            SlackRequestProcessor.AskShortcut, metadata, "question", "question", "Is it open?", "trig-a2")));

        var post = await bot.Slack.WaitForRequestAsync(r => r.Method == "chat.postMessage", Timeout);
        Assert.Empty(post.SpecProblems);
        Assert.Equal("1700000400.000300", post.ThreadTs);
        var request = Assert.Single(bot.Received);
        Assert.Equal(ChatCommand.AskArticle, request.Command);
        Assert.Equal("https://example.invalid/r1 Is it open?", request.Argument);
    }

    [Fact]
    public async Task AskShortcut_OnAMessageWithoutLink_SaysSoToTheClickerOnly()
    {
        await using var bot = await SlackTestHost.StartAsync();
        var socket = await bot.Slack.WaitForSocketAsync(0, Timeout);

        await socket.SendAsync(SlackPayloads.Envelope("env-1", "interactive", SlackPayloads.MessageShortcut(
            SlackRequestProcessor.AskShortcut, "1700000400.000400", "no link", bot.Slack.ResponseUrl("a3"), "trig-a3")));

        var post = await bot.Slack.WaitForRequestAsync(r => r.Method == "chat.postEphemeral", Timeout);
        Assert.Contains(SlackRequestProcessor.NoLinkText, post.AllText, StringComparison.Ordinal);
        Assert.Empty(bot.Slack.Requests("views.open"));
        Assert.Empty(bot.Received);
    }

    [Fact]
    public async Task AskShortcut_TriggerExpired_TellsTheClickerToTryAgain()
    {
        await using var bot = await SlackTestHost.StartAsync();
        var socket = await bot.Slack.WaitForSocketAsync(0, Timeout);

        await socket.SendAsync(SlackPayloads.Envelope("env-1", "interactive", SlackPayloads.MessageShortcut(
            SlackRequestProcessor.AskShortcut, "1700000400.000500", "See <https://example.invalid/r1>", bot.Slack.ResponseUrl("a4"), "expired-a4")));

        var post = await bot.Slack.WaitForRequestAsync(r => r.Method == "chat.postEphemeral", Timeout);
        Assert.Contains(SlackRequestProcessor.ModalFailedText, post.AllText, StringComparison.Ordinal);
        Assert.Equal("1700000400.000500", post.ThreadTs);
    }
}
