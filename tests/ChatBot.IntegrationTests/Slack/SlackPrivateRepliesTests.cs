using ChatBot.Core.Chat;
using ChatBot.Slack.Inbound;
using ChatBot.TestKit.Slack;

namespace ChatBot.IntegrationTests.Slack;

/// <summary>Refusals, errors and "busy" go to the asker only (chat.postEphemeral); answers stay public.</summary>
public sealed class SlackPrivateRepliesTests
{
    private static readonly TimeSpan Timeout = SlackTestHost.Timeout;

    [Fact]
    public async Task MentionRefused_RefusalGoesToTheAskerInTheThread()
    {
        await using var bot = await SlackTestHost.StartAsync(reply: _ => ChatReply.Refusal("Only admins can use /add."));
        var socket = await bot.Slack.WaitForSocketAsync(0, Timeout);

        await socket.SendAsync(SlackPayloads.Envelope("env-1", "events_api", SlackPayloads.AppMention("Ev1", "1700000000.000100", "/add https://example.invalid/a")));

        var post = await bot.Slack.WaitForRequestAsync(r => r.Method == "chat.postEphemeral", Timeout);
        Assert.Empty(post.SpecProblems);
        Assert.Equal(SlackPayloads.User, (string?)post.Json!["user"]);
        Assert.Equal(SlackPayloads.Channel, post.Channel);
        Assert.Equal("1700000000.000100", post.ThreadTs);
        Assert.Contains("Only admins can use /add.", post.AllText, StringComparison.Ordinal);
        Assert.Empty(bot.Slack.Requests("chat.postMessage"));
    }

    [Fact]
    public async Task MentionAnswered_AnswerStaysPublic()
    {
        await using var bot = await SlackTestHost.StartAsync();
        var socket = await bot.Slack.WaitForSocketAsync(0, Timeout);

        await socket.SendAsync(SlackPayloads.Envelope("env-1", "events_api", SlackPayloads.AppMention("Ev1", "1700000000.000100", "What did LeCun say?")));

        var post = await bot.Slack.WaitForRequestAsync(r => r.Method == "chat.postMessage", Timeout);
        Assert.Empty(post.SpecProblems);
        Assert.Equal("1700000000.000100", post.ThreadTs);
        Assert.Empty(bot.Slack.Requests("chat.postEphemeral"));
    }

    [Fact]
    public async Task DirectMessageRefused_PostedInTheDmWhichOnlyTheAskerReads()
    {
        await using var bot = await SlackTestHost.StartAsync(reply: _ => ChatReply.Refusal("What would you like to know?"));
        var socket = await bot.Slack.WaitForSocketAsync(0, Timeout);

        await socket.SendAsync(SlackPayloads.Envelope("env-1", "events_api", SlackPayloads.Message("Ev1", "1700000005.000001", "?", channel: "D0123ABCDE", channelType: "im")));

        var post = await bot.Slack.WaitForRequestAsync(r => r.Method == "chat.postMessage", Timeout);
        Assert.Equal("D0123ABCDE", post.Channel);
        Assert.Empty(bot.Slack.Requests("chat.postEphemeral"));
    }

    [Fact]
    public async Task SummarizeButtonFails_ErrorGoesToTheClickerOnly()
    {
        await using var bot = await SlackTestHost.StartAsync(reply: r => ChatReply.Error("Something went wrong while doing that.", r.CorrelationId));
        var socket = await bot.Slack.WaitForSocketAsync(0, Timeout);

        await socket.SendAsync(SlackPayloads.Envelope("env-1", "interactive", SlackPayloads.BlockAction("summarize:42", "1700000200.000300", "1700000000.000100", bot.Slack.ResponseUrl("x"), "trig-1")));

        var post = await bot.Slack.WaitForRequestAsync(r => r.Method == "chat.postEphemeral", Timeout);
        Assert.Empty(post.SpecProblems);
        Assert.Equal(SlackPayloads.User, (string?)post.Json!["user"]);
        Assert.Equal("1700000000.000100", post.ThreadTs);
        Assert.Empty(bot.Slack.Requests("chat.postMessage"));
    }

    [Fact]
    public async Task QueueFull_BusyGoesToTheAskerOnly()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var bot = await SlackTestHost.StartAsync(
            reply: r =>
            {
                started.TrySetResult();
                release.Task.Wait(Timeout);
                return SlackTestHost.Answer("done");
            },
            overrides: new Dictionary<string, string?> { ["Slack:Workers"] = "1", ["Slack:QueueCapacity"] = "1" });
        var socket = await bot.Slack.WaitForSocketAsync(0, Timeout);

        // Workers = 1 runs up to 4 consumers; each blocks in the handler or waits for the one compute slot, so with
        // five mentions taken and one queued, the next finds the queue full.
        for (var i = 1; i <= 7; i++)
        {
            await socket.SendAsync(SlackPayloads.Envelope($"env-{i}", "events_api", SlackPayloads.AppMention($"Ev{i}", $"170000000{i}.000100", "question " + i)));
            await socket.ReceiveAsync(Timeout);
            if (i == 1)
            {
                await started.Task.WaitAsync(Timeout);
            }
        }

        var busy = await bot.Slack.WaitForRequestAsync(r => r.Method == "chat.postEphemeral", Timeout);
        release.SetResult();

        Assert.Empty(busy.SpecProblems);
        Assert.Contains(SlackInbox.BusyText, busy.AllText, StringComparison.Ordinal);
        Assert.Equal(SlackPayloads.User, (string?)busy.Json!["user"]);
        Assert.DoesNotContain(bot.Slack.Requests("chat.postMessage"), r => r.AllText.Contains(SlackInbox.BusyText, StringComparison.Ordinal));
    }
}
