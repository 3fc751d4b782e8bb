using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.IntegrationTests.Retrieval.Storage.Sql;
using ChatBot.Retrieval.Storage.Sql;
using ChatBot.TestKit.Discord;
using ChatBot.TestKit.Slack;

namespace ChatBot.IntegrationTests.EndToEnd.Stats;

/// <summary>
/// /stats and /stats gaps through the fake Discord and Slack on the real host (seeds, MiniLM, router, question log): the
/// figures of the questions just asked, the rephrased unanswerable question counted once, admins only; SQLite and PostgreSQL.
/// </summary>
public abstract class StatsEndToEndTests(SqlDialect dialect) : StatsHostTests(dialect)
{
    private const string ManageGuild = "32";
    private const string Webhook = "/webhooks/{webhook_id}/{webhook_token}/messages/@original";

    [Fact]
    public async Task Discord_QuestionsThenStatsAndGaps_FiguresOfThoseQuestionsForAdminsOnly()
    {
        await using var discord = await FakeDiscordServer.StartAsync();
        using var host = Stats.BuildDiscord(discord);
        await host.StartAsync();
        try
        {
            var connection = await discord.NextConnectionAsync(StatsHost.Timeout);
            await connection.WaitForOpAsync(2);
            await AskAsync(discord, connection, "3300000000000000201", "What did Yann LeCun say about DeepSeek R1?");
            await AskAsync(discord, connection, "3300000000000000202", "How do kangaroos sleep?");
            await AskAsync(discord, connection, "3300000000000000203", "When do kangaroos rest?");

            var stats = await RunAsync(discord, connection, "3300000000000000204", "stats", ManageGuild);
            var embed = stats.GetProperty("embeds")[0];
            var defer = discord.Requests.Single(r => r.Template.EndsWith("/callback", StringComparison.Ordinal) && r.Path.Contains("3300000000000000204", StringComparison.Ordinal));
            Assert.Equal(64, JsonDocument.Parse(defer.Body).RootElement.GetProperty("data").GetProperty("flags").GetInt32() & 64);
            Assert.Equal("Stats for library local", embed.GetProperty("title").GetString());
            Assert.Contains("**Last 24 h**: 3 questions · 33% answered · 67% abstained", embed.GetProperty("description").GetString(), StringComparison.Ordinal);
            Assert.Contains("(most in an hour: 3)", embed.GetProperty("description").GetString(), StringComparison.Ordinal);

            var gaps = await RunAsync(discord, connection, "3300000000000000205", "stats", ManageGuild, new JsonObject { ["name"] = "view", ["type"] = 3, ["value"] = "gaps" });
            var field = Assert.Single(gaps.GetProperty("embeds")[0].GetProperty("fields").EnumerateArray());
            Assert.Contains("kangaroos", field.GetProperty("name").GetString(), StringComparison.Ordinal);
            Assert.StartsWith("2 times (also: “", field.GetProperty("value").GetString(), StringComparison.Ordinal);
            Assert.Contains("Closest article: ", field.GetProperty("value").GetString(), StringComparison.Ordinal);

            await connection.DispatchAsync("INTERACTION_CREATE", FakeDiscordServer.Interaction("3300000000000000206", "stats"));
            var refusal = await discord.WaitForRequestAsync(r => r.Path.Contains("3300000000000000206", StringComparison.Ordinal), StatsHost.Timeout);
            Assert.Contains("Only admins", refusal.Body, StringComparison.Ordinal);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task Slack_StatsSlashCommand_AdminGetsThePrivateBlockKitSummary()
    {
        await using var slack = await FakeSlackServer.StartAsync();
        using var host = Stats.BuildSlack(slack, "--Slack:Admins:0=" + SlackPayloads.User);
        await host.StartAsync();
        try
        {
            var socket = await slack.WaitForSocketAsync(0, StatsHost.Timeout);
            await socket.SendAsync(SlackPayloads.Envelope("env-1", "slash_commands", SlackPayloads.SlashCommand("/ask", "What did Yann LeCun say about DeepSeek R1?", slack.ResponseUrl("ask"), "trig-1")));
            await slack.WaitForRequestAsync(r => r.Path.EndsWith("/ask", StringComparison.Ordinal), StatsHost.Timeout);

            await socket.SendAsync(SlackPayloads.Envelope("env-2", "slash_commands", SlackPayloads.SlashCommand("/stats", "", slack.ResponseUrl("stats"), "trig-2")));
            var stats = await slack.WaitForRequestAsync(r => r.Path.EndsWith("/stats", StringComparison.Ordinal), StatsHost.Timeout);

            Assert.Equal("ephemeral", (string?)stats.Json!["response_type"]);
            Assert.Contains("*Last 24 h*: 1 question · 100% answered · 0% abstained", stats.AllText, StringComparison.Ordinal);
            var message = stats.Json.DeepClone().AsObject();
            message.Remove("response_type");
            message["channel"] = SlackPayloads.Channel;
            Assert.Empty(SlackWebApiSpec.Load().Check("chat.postMessage", message, "Bearer xoxb-e2e"));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static async Task AskAsync(FakeDiscordServer discord, FakeGatewayConnection connection, string id, string question) =>
        await RunAsync(discord, connection, id, "ask", "0", new JsonObject { ["name"] = "question", ["type"] = 3, ["value"] = question });

    /// <summary>Runs a slash command; returns the body of the edit that completes its deferred reply (schema-checked).</summary>
    private static async Task<JsonElement> RunAsync(FakeDiscordServer discord, FakeGatewayConnection connection, string id, string command, string permissions, params JsonObject[] options)
    {
        await connection.DispatchAsync("INTERACTION_CREATE", FakeDiscordServer.Interaction(id, command, [.. options], permissions));
        var edit = await discord.WaitForRequestAsync(r => r.Method == "PATCH" && r.Template == Webhook && r.Path.Contains("tok-" + id, StringComparison.Ordinal), StatsHost.Timeout);
        Assert.Empty(edit.SchemaErrors);
        return JsonDocument.Parse(edit.Body).RootElement;
    }
}

public sealed class SqliteStatsEndToEndTests() : StatsEndToEndTests(SqlDialect.Sqlite);

[Collection(PostgresCollection.Name)]
public sealed class PostgresStatsEndToEndTests() : StatsEndToEndTests(SqlDialect.Postgres);
