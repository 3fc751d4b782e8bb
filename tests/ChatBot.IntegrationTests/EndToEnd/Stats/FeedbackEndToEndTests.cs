using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Core.Stats;
using ChatBot.IntegrationTests.Retrieval.Storage.Sql;
using ChatBot.Retrieval.Storage.Sql;
using ChatBot.TestKit.Discord;
using ChatBot.TestKit.Slack;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.IntegrationTests.EndToEnd.Stats;

/// <summary>
/// A question asked through the fake Discord / Slack is kept in the question log, and its answer's 👍/👎 buttons record
/// one vote per user that a second click changes; run on SQLite and PostgreSQL.
/// </summary>
public abstract class FeedbackEndToEndTests(SqlDialect dialect) : StatsHostTests(dialect)
{
    private const string Question = "What did Yann LeCun say about DeepSeek R1?";

    [Fact]
    public async Task Discord_AskThenVotes_QuestionKeptAndOneChangeableVotePerUser()
    {
        await using var discord = await FakeDiscordServer.StartAsync();
        using var host = Stats.BuildDiscord(discord);
        await host.StartAsync();
        try
        {
            var connection = await discord.NextConnectionAsync(StatsHost.Timeout);
            await connection.WaitForOpAsync(2);
            await connection.DispatchAsync("INTERACTION_CREATE", FakeDiscordServer.Interaction(
                "3300000000000000101", "ask", [new JsonObject { ["name"] = "question", ["type"] = 3, ["value"] = Question }]));
            var edit = await discord.WaitForRequestAsync(r => r.Method == "PATCH" && r.Template == "/webhooks/{webhook_id}/{webhook_token}/messages/@original", StatsHost.Timeout);
            Assert.Empty(edit.SchemaErrors);
            var buttons = JsonDocument.Parse(edit.Body).RootElement.GetProperty("components")[0].GetProperty("components")
                .EnumerateArray().Select(b => b.GetProperty("custom_id").GetString()!).ToList();
            var down = Assert.Single(buttons, b => b.StartsWith("feedback:down:", StringComparison.Ordinal));
            var up = Assert.Single(buttons, b => b.StartsWith("feedback:up:", StringComparison.Ordinal));

            Assert.Contains("(👎)", await ClickAsync(discord, connection, "3300000000000000102", down, "5500000000000000005"), StringComparison.Ordinal);
            Assert.Equal((0, 1), await VotesAsync(host.Services));
            Assert.Contains("(👍)", await ClickAsync(discord, connection, "3300000000000000103", up, "5500000000000000005"), StringComparison.Ordinal);
            Assert.Equal((1, 0), await VotesAsync(host.Services));
            await ClickAsync(discord, connection, "3300000000000000104", up, "5500000000000000009");
            Assert.Equal((2, 0), await VotesAsync(host.Services));

            var summary = await host.Services.GetRequiredService<IChatStats>().SummarizeAsync("local", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddMinutes(1), default);
            Assert.Equal((1, 1), (summary.Questions, summary.Answered));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task Slack_MentionThenVotes_QuestionKeptAndOneChangeableVotePerUser()
    {
        await using var slack = await FakeSlackServer.StartAsync();
        using var host = Stats.BuildSlack(slack);
        await host.StartAsync();
        try
        {
            var socket = await slack.WaitForSocketAsync(0, StatsHost.Timeout);
            const string thread = "1700000000.000100";
            await socket.SendAsync(SlackPayloads.Envelope("env-1", "events_api", SlackPayloads.AppMention("Ev1", thread, "<@" + FakeSlackServer.BotUserId + "> " + Question)));
            var answer = await slack.WaitForRequestAsync(r => r.Method == "chat.postMessage" && r.ThreadTs == thread, StatsHost.Timeout);
            var ids = answer.Json!["blocks"]!.AsArray().Where(b => (string?)b!["type"] == "actions")
                .SelectMany(b => b!["elements"]!.AsArray()).Select(e => (string)e!["action_id"]!).ToList();
            var down = Assert.Single(ids, b => b.StartsWith("feedback:down:", StringComparison.Ordinal));
            var up = Assert.Single(ids, b => b.StartsWith("feedback:up:", StringComparison.Ordinal));

            await socket.SendAsync(SlackPayloads.Envelope("env-2", "interactive", SlackPayloads.BlockAction(down, "1700000200.000300", thread, slack.ResponseUrl("x"), "trig-1")));
            await slack.WaitForRequestAsync(r => r.Method == "chat.postEphemeral" && ((string?)r.Json?["text"] ?? "").Contains("(👎)", StringComparison.Ordinal), StatsHost.Timeout);
            Assert.Equal((0, 1), await VotesAsync(host.Services));
            await socket.SendAsync(SlackPayloads.Envelope("env-3", "interactive", SlackPayloads.BlockAction(up, "1700000200.000300", thread, slack.ResponseUrl("x"), "trig-2")));
            await slack.WaitForRequestAsync(r => r.Method == "chat.postEphemeral" && ((string?)r.Json?["text"] ?? "").Contains("(👍)", StringComparison.Ordinal), StatsHost.Timeout);
            Assert.Equal((1, 0), await VotesAsync(host.Services));
            Assert.Empty(slack.Requests("chat.update"));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    /// <summary>Clicks a button as <paramref name="userId"/>; returns the private reply's text.</summary>
    private static async Task<string> ClickAsync(FakeDiscordServer discord, FakeGatewayConnection connection, string id, string customId, string userId)
    {
        var click = FakeDiscordServer.Interaction(id, "button", customId: customId, type: 3);
        click["member"]!["user"]!["id"] = userId;
        await connection.DispatchAsync("INTERACTION_CREATE", click);
        var reply = await discord.WaitForRequestAsync(r => r.Template == "/interactions/{interaction_id}/{interaction_token}/callback" && r.Path.Contains(id, StringComparison.Ordinal), StatsHost.Timeout);
        Assert.Empty(reply.SchemaErrors);
        return JsonDocument.Parse(reply.Body).RootElement.GetProperty("data").GetProperty("content").GetString()!;
    }

    private static async Task<(int Up, int Down)> VotesAsync(IServiceProvider services)
    {
        var summary = await services.GetRequiredService<IChatStats>().SummarizeAsync(null, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddMinutes(1), default);
        return (summary.ThumbsUp, summary.ThumbsDown);
    }
}

public sealed class SqliteFeedbackEndToEndTests() : FeedbackEndToEndTests(SqlDialect.Sqlite);

[Collection(PostgresCollection.Name)]
public sealed class PostgresFeedbackEndToEndTests() : FeedbackEndToEndTests(SqlDialect.Postgres);
