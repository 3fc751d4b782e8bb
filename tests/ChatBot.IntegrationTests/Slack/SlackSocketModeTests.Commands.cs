using ChatBot.Core.Chat;
using ChatBot.Slack.Inbound;
using ChatBot.TestKit.Slack;
using Microsoft.Extensions.Hosting;

namespace ChatBot.IntegrationTests.Slack;

/// <summary>Slash commands and buttons over Socket Mode.</summary>
public sealed partial class SlackSocketModeTests
{
    [Fact]
    public async Task SlashCommand_AckCarriesInterimText_AnswerViaResponseUrl()
    {
        await using var bot = await SlackTestHost.StartAsync();
        var socket = await bot.Slack.WaitForSocketAsync(0, Timeout);
        var responseUrl = bot.Slack.ResponseUrl("cmd-1");

        await socket.SendAsync(SlackPayloads.Envelope("env-1", "slash_commands", SlackPayloads.SlashCommand("/ask", "What did LeCun say?", responseUrl, "trig-1")));
        var ack = await socket.ReceiveAsync(Timeout);
        var response = await bot.Slack.WaitForRequestAsync(r => r.Method == "response_url", Timeout);

        Assert.Equal(SlackInbox.WorkingText, (string?)ack["payload"]?["text"]);
        Assert.Equal("in_channel", (string?)response.Json?["response_type"]);
        Assert.Contains("LeCun on DeepSeek R1", response.AllText, StringComparison.Ordinal);
        var request = Assert.Single(bot.Received);
        Assert.Equal(ChatCommand.Ask, request.Command);
        Assert.Equal("What did LeCun say?", request.Argument);
        Assert.Empty(bot.Slack.Requests("chat.postMessage"));
    }

    [Fact]
    public async Task SlashCommand_AdminCommandFromAdmin_MarkedAdmin()
    {
        await using var bot = await SlackTestHost.StartAsync();
        var socket = await bot.Slack.WaitForSocketAsync(0, Timeout);

        await socket.SendAsync(SlackPayloads.Envelope("env-1", "slash_commands", SlackPayloads.SlashCommand("/feeds", "list", bot.Slack.ResponseUrl("a"), "trig-1", user: "UADMIN01")));
        await socket.SendAsync(SlackPayloads.Envelope("env-2", "slash_commands", SlackPayloads.SlashCommand("/feeds", "list", bot.Slack.ResponseUrl("b"), "trig-2")));
        await bot.Slack.WaitForRequestAsync(r => r.Method == "response_url" && bot.Slack.Requests("response_url").Count == 2, Timeout);

        Assert.True(bot.Received.Single(r => r.UserId == "UADMIN01").IsAdmin);
        Assert.False(bot.Received.Single(r => r.UserId == SlackPayloads.User).IsAdmin);
        Assert.All(bot.Received, r => Assert.Equal(ChatCommand.Feeds, r.Command));
    }

    [Fact]
    public async Task SummarizeButton_SummaryPostedInThread()
    {
        await using var bot = await SlackTestHost.StartAsync(reply: r => new ChatReply(ReplyKind.Summary, "A summary.") { Title = "LeCun on DeepSeek R1" });
        var socket = await bot.Slack.WaitForSocketAsync(0, Timeout);

        await socket.SendAsync(SlackPayloads.Envelope("env-1", "interactive", SlackPayloads.BlockAction("summarize:42", "1700000200.000300", "1700000000.000100", bot.Slack.ResponseUrl("x"), "trig-1")));
        var post = await bot.Slack.WaitForRequestAsync(r => r.Method == "chat.postMessage", Timeout);

        Assert.Equal("1700000000.000100", post.ThreadTs);
        var request = Assert.Single(bot.Received);
        Assert.Equal(ChatCommand.Summarize, request.Command);
        Assert.Equal("42", request.Argument);
    }
}
