using ChatBot.IntegrationTests.Libraries;
using ChatBot.TestKit.Llm;
using ChatBot.TestKit.Slack;
using Microsoft.Extensions.Hosting;

namespace ChatBot.IntegrationTests.Slack;

/// <summary>
/// The real host on the fake Slack with the model on the fake OpenAI-compatible server: a streamed answer is posted
/// in the thread, updated as it grows, and finally updated with the full Block Kit reply.
/// </summary>
public sealed class SlackStreamingTests : IDisposable
{
    private const string Thread = "1700000000.000100";
    private const string Mention = "<@" + FakeSlackServer.BotUserId + "> What did Yann LeCun say about DeepSeek R1?";

    /// <summary>Writes are spaced by the bot's clock and stamped by the fake's; allow for timer and clock granularity.</summary>
    private static readonly TimeSpan MinimumGap = TimeSpan.FromMilliseconds(950);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly BotHost _bot = new();

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task Mention_ModelStreamsInChunks_PostedThenUpdatedThenFinalUpdateHasSources()
    {
        await using var llm = await FakeOpenAiServer.StartAsync();
        llm.Default = FakeChatBehaviour.Stream("LeCun said ", "DeepSeek R1 shows ", "that open models ", "are catching up [1].") with { Delay = TimeSpan.FromMilliseconds(400) };
        await using var slack = await FakeSlackServer.StartAsync();
        using var host = Build(slack, llm);
        await host.StartAsync();
        try
        {
            var socket = await slack.WaitForSocketAsync(0, Timeout);
            await socket.SendAsync(SlackPayloads.Envelope("env-1", "events_api", SlackPayloads.AppMention("Ev1", Thread, Mention)));

            var final = await slack.WaitForRequestAsync(r => r.Method == "chat.update" && r.AllText.Contains("reply_actions", StringComparison.Ordinal), Timeout);

            var post = Assert.Single(slack.Requests("chat.postMessage"));
            Assert.Equal(Thread, post.ThreadTs);
            Assert.StartsWith("LeCun said", (string?)post.Json!["blocks"]![0]!["text"]!["text"], StringComparison.Ordinal);
            Assert.EndsWith("…", (string?)post.Json!["blocks"]![0]!["text"]!["text"], StringComparison.Ordinal);
            var updates = slack.Requests("chat.update");
            Assert.Same(final, updates[^1]);
            Assert.All(updates, u => Assert.Equal(SlackPayloads.Channel, u.Channel));
            Assert.Single(updates.Select(u => (string?)u.Json!["ts"]).Distinct());
            Assert.Contains("are catching up [1].", final.AllText, StringComparison.Ordinal);
            Assert.Contains("Yann LeCun", final.AllText, StringComparison.Ordinal);
            Assert.Contains("\"context\"", final.AllText, StringComparison.Ordinal);
            var writes = new[] { post }.Concat(updates).ToList();
            for (var i = 1; i < writes.Count; i++)
            {
                Assert.True(writes[i].At - writes[i - 1].At >= MinimumGap, $"writes {i - 1} and {i} were {(writes[i].At - writes[i - 1].At).TotalMilliseconds} ms apart");
            }
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task Mention_ModelDown_PostedAnswerCarriesTheUnavailableNote()
    {
        await using var llm = await FakeOpenAiServer.StartAsync();
        llm.Default = FakeChatBehaviour.ServerError(500);
        await using var slack = await FakeSlackServer.StartAsync();
        using var host = Build(slack, llm);
        await host.StartAsync();
        try
        {
            var socket = await slack.WaitForSocketAsync(0, Timeout);
            await socket.SendAsync(SlackPayloads.Envelope("env-1", "events_api", SlackPayloads.AppMention("Ev1", Thread, Mention)));

            var answer = await slack.WaitForRequestAsync(r => r.Method == "chat.postMessage" && r.ThreadTs == Thread, Timeout);

            Assert.Contains("language model was unavailable", answer.AllText, StringComparison.Ordinal);
            Assert.Contains("Yann LeCun", answer.AllText, StringComparison.Ordinal);
            Assert.Empty(slack.Requests("chat.update"));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private IHost Build(FakeSlackServer slack, FakeOpenAiServer llm) =>
        _bot.Build([.. SeedLibrary.Settings, .. BotHost.Slack(slack), .. BotHost.Llm(llm)]);
}
