using ChatBot.Core.Chat;
using ChatBot.Core.Libraries;
using ChatBot.TestKit.Slack;

namespace ChatBot.IntegrationTests.Slack;

/// <summary>What the Slack adapter keeps per workspace: a thread's turns live in the workspace's library, and a
/// workspace-scoped <c>Slack:Admins</c> entry makes an admin of that workspace only.</summary>
public sealed class SlackLibraryTests
{
    private static readonly TimeSpan Timeout = SlackTestHost.Timeout;
    private static readonly string OwnLibrary = LibraryNames.ForSlackTeam(FakeSlackServer.TeamId);
    private static readonly DateTimeOffset At = new(2026, 12, 5, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ThreadFollowUp_SameChannelAndThreadInAnotherLibrary_IsNotTheBotsThreadHere()
    {
        const string foreignThread = "1700000000.000100";
        const string ownThread = "1700000000.000200";
        var conversations = new InMemoryConversationStore();
        await conversations.AppendAsync("slack:TOTHER01", "slack", SlackPayloads.Channel, foreignThread, new(ConversationRole.User, "the other workspace's plan zqother", At), default);
        await conversations.AppendAsync("slack:TOTHER01", "slack", SlackPayloads.Channel, foreignThread, new(ConversationRole.Bot, "An answer there.", At), default);
        await conversations.AppendAsync(OwnLibrary, "slack", SlackPayloads.Channel, ownThread, new(ConversationRole.User, "what is a platypus?", At), default);
        await conversations.AppendAsync(OwnLibrary, "slack", SlackPayloads.Channel, ownThread, new(ConversationRole.Bot, "A mammal.", At), default);
        await using var bot = await SlackTestHost.StartAsync(conversations: conversations);
        var socket = await bot.Slack.WaitForSocketAsync(0, Timeout);

        await socket.SendAsync(SlackPayloads.Envelope("env-1", "events_api", SlackPayloads.Message("Ev1", "1700000001.000100", "and then?", threadTs: foreignThread)));
        await socket.SendAsync(SlackPayloads.Envelope("env-2", "events_api", SlackPayloads.Message("Ev2", "1700000001.000200", "why does it lay eggs?", threadTs: ownThread)));
        await bot.Slack.WaitForRequestAsync(r => r.Method == "chat.postMessage" && r.ThreadTs == ownThread, Timeout);

        var request = Assert.Single(bot.Received);
        Assert.Equal("why does it lay eggs?", request.Argument);
        Assert.Equal(["what is a platypus?", "A mammal."], request.History!.Select(t => t.Text));
        Assert.Equal(2, (await conversations.GetTurnsAsync("slack:TOTHER01", "slack", SlackPayloads.Channel, foreignThread, 10, default)).Count);
        Assert.Equal(4, (await conversations.GetTurnsAsync(OwnLibrary, "slack", SlackPayloads.Channel, ownThread, 10, default)).Count);
        Assert.Empty(await conversations.GetTurnsAsync(OwnLibrary, "slack", SlackPayloads.Channel, foreignThread, 10, default));
    }

    [Fact]
    public async Task SlashCommand_AdminOfAnotherWorkspaceOnly_IsNoAdminHere()
    {
        await using var bot = await SlackTestHost.StartAsync(overrides: new Dictionary<string, string?>
        {
            ["Slack:Admins:0"] = "TOTHER01:UADMIN02",
            ["Slack:Admins:1"] = FakeSlackServer.TeamId + ":UADMIN03",
        });
        var socket = await bot.Slack.WaitForSocketAsync(0, Timeout);

        await socket.SendAsync(SlackPayloads.Envelope("env-1", "slash_commands", SlackPayloads.SlashCommand("/feeds", "list", bot.Slack.ResponseUrl("a"), "trig-1", user: "UADMIN02")));
        await socket.SendAsync(SlackPayloads.Envelope("env-2", "slash_commands", SlackPayloads.SlashCommand("/feeds", "list", bot.Slack.ResponseUrl("b"), "trig-2", user: "UADMIN03")));
        await bot.Slack.WaitForRequestAsync(r => r.Method == "response_url" && bot.Slack.Requests("response_url").Count == 2, Timeout);

        Assert.False(bot.Received.Single(r => r.UserId == "UADMIN02").IsAdmin);
        Assert.True(bot.Received.Single(r => r.UserId == "UADMIN03").IsAdmin);
        Assert.All(bot.Received, r => Assert.Equal(FakeSlackServer.TeamId, r.Workspace));
    }
}
