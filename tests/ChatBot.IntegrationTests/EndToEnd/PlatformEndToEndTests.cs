using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.IntegrationTests.Libraries;
using ChatBot.TestKit.Discord;
using ChatBot.TestKit.Slack;
using Microsoft.Extensions.Hosting;

namespace ChatBot.IntegrationTests.EndToEnd;

/// <summary>
/// The real worker host (real retrieval over seeds/, real command router) started with platform tokens and
/// base URLs pointing at the fake Discord and Slack servers: what a user of each platform would see.
/// </summary>
public sealed class PlatformEndToEndTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly BotHost _bot = new();

    public void Dispose() => _bot.Dispose();

    private IHost Build(params string[] settings) => _bot.Build([.. SeedLibrary.Settings, .. settings]);

    [Fact]
    public async Task Discord_AskAboutTheSeed_DeferredThenEditedWithQuoteAndSource()
    {
        await using var discord = await FakeDiscordServer.StartAsync();
        using var host = Build(BotHost.Discord(discord));
        await host.StartAsync();
        try
        {
            var connection = await discord.NextConnectionAsync(Timeout);
            await connection.WaitForOpAsync(2);

            await connection.DispatchAsync("INTERACTION_CREATE", FakeDiscordServer.Interaction(
                "3300000000000000777",
                "ask",
                [new JsonObject { ["name"] = "question", ["type"] = 3, ["value"] = "What did Yann LeCun say about DeepSeek R1?" }]));

            var defer = await discord.WaitForRequestAsync(r => r.Template == "/interactions/{interaction_id}/{interaction_token}/callback", Timeout);
            Assert.Equal(5, JsonDocument.Parse(defer.Body).RootElement.GetProperty("type").GetInt32());
            var edit = await discord.WaitForRequestAsync(r => r.Method == "PATCH" && r.Template == "/webhooks/{webhook_id}/{webhook_token}/messages/@original", Timeout);
            Assert.Empty(edit.SchemaErrors);
            var body = JsonDocument.Parse(edit.Body).RootElement;
            var embed = body.GetProperty("embeds")[0];
            Assert.Contains("DeepSeek R1", embed.GetProperty("description").GetString(), StringComparison.Ordinal);
            Assert.Contains("[1]", embed.GetProperty("description").GetString(), StringComparison.Ordinal);
            Assert.Contains("Yann LeCun", embed.GetProperty("fields")[0].GetProperty("value").GetString(), StringComparison.Ordinal);
            Assert.Equal(0, body.GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength());
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task Slack_MentionThenFollowUp_AnsweredInThreadFromTheSeed()
    {
        await using var slack = await FakeSlackServer.StartAsync();
        using var host = Build(BotHost.Slack(slack));
        await host.StartAsync();
        try
        {
            var socket = await slack.WaitForSocketAsync(0, Timeout);
            const string thread = "1700000000.000100";

            await socket.SendAsync(SlackPayloads.Envelope("env-1", "events_api", SlackPayloads.AppMention("Ev1", thread, "<@" + FakeSlackServer.BotUserId + "> What did Yann LeCun say about DeepSeek R1?")));
            var answer = await slack.WaitForRequestAsync(r => r.Method == "chat.postMessage" && r.ThreadTs == thread, Timeout);
            Assert.Contains("DeepSeek R1", answer.AllText, StringComparison.Ordinal);
            Assert.Contains("Yann LeCun", answer.AllText, StringComparison.Ordinal);

            await socket.SendAsync(SlackPayloads.Envelope("env-2", "events_api", SlackPayloads.Message("Ev2", "1700000050.000200", "why does that matter?", threadTs: thread)));
            var followUp = await slack.WaitForRequestAsync(r => r.Method == "chat.postMessage" && r.ThreadTs == thread && slack.Requests("chat.postMessage").Count == 2, Timeout);
            Assert.DoesNotContain("could not find", slack.Requests("chat.postMessage")[1].AllText, StringComparison.Ordinal);
            Assert.Contains("open", slack.Requests("chat.postMessage")[1].AllText, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(2, slack.Requests("chat.postMessage").Count);
            Assert.NotNull(followUp);
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
