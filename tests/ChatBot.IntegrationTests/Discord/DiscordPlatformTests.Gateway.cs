using System.Text.Json.Nodes;
using ChatBot.Core.Platforms;
using ChatBot.TestKit.Discord;
using Microsoft.Extensions.DependencyInjection;
using static ChatBot.IntegrationTests.Discord.DiscordRoutes;

namespace ChatBot.IntegrationTests.Discord;

/// <summary>The gateway session: identify and heartbeats, resume after op 7, a fresh identify, zombie connections, a fatal close.</summary>
public sealed partial class DiscordPlatformTests
{
    [Fact]
    public async Task Start_ConnectsIdentifiesAndHeartbeats()
    {
        _server.HeartbeatIntervalMilliseconds = 250;
        await using var harness = await DiscordPlatformHarness.StartAsync(_server);
        var connection = await _server.NextConnectionAsync();

        var identify = (await connection.WaitForOpAsync(2)).GetProperty("d");
        await connection.WaitForOpAsync(1);

        Assert.Equal(FakeDiscordServer.BotToken, identify.GetProperty("token").GetString());
        Assert.Equal(ChatBot.Discord.DiscordOptions.DefaultIntents, identify.GetProperty("intents").GetInt32());
        Assert.Equal("[0,1]", identify.GetProperty("shard").GetRawText());
        var gatewayBot = await _server.WaitForRequestAsync(r => r.Template == "/gateway/bot");
        Assert.Equal("Bot " + FakeDiscordServer.BotToken, gatewayBot.Authorization);
        Assert.StartsWith("DiscordBot (", gatewayBot.UserAgent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reconnect_Op7_ResumesSameSessionAndAnswersMissedInteraction()
    {
        await using var harness = await DiscordPlatformHarness.StartAsync(_server);
        var first = await harness.ConnectedAsync();
        await first.DispatchAsync("GUILD_CREATE", new JsonObject { ["id"] = "2200000000000000002" });
        _server.QueueForReplay("INTERACTION_CREATE", FakeDiscordServer.Interaction("3300000000000000010", "ask", AskOptions("missed?")));

        await first.SendAsync(new JsonObject { ["op"] = 7, ["d"] = null });

        var closeCode = await first.Closed.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.NotEqual(1000, closeCode);
        var second = await _server.NextConnectionAsync();
        var resume = (await second.WaitForOpAsync(6)).GetProperty("d");
        Assert.Equal("session-1", resume.GetProperty("session_id").GetString());
        Assert.Equal(2, resume.GetProperty("seq").GetInt64());
        var edit = await _server.WaitForRequestAsync(r => r.Template == Original && r.Path.Contains("tok-3300000000000000010", StringComparison.Ordinal));
        AssertValid(edit);
        Assert.Equal(1, _server.IdentifyCount);
        Assert.Equal(1, _server.ResumeCount);
    }

    [Fact]
    public async Task InvalidSession_NotResumable_IdentifiesAgain()
    {
        await using var harness = await DiscordPlatformHarness.StartAsync(_server);
        var first = await harness.ConnectedAsync();

        await first.SendAsync(new JsonObject { ["op"] = 9, ["d"] = false });

        var second = await _server.NextConnectionAsync();
        await second.WaitForOpAsync(2);
        Assert.Equal(2, _server.IdentifyCount);
        Assert.Equal(0, _server.ResumeCount);
    }

    [Fact]
    public async Task MissingHeartbeatAck_ClosesZombieWithNon1000AndResumes()
    {
        _server.HeartbeatIntervalMilliseconds = 250;
        _server.AcknowledgeHeartbeats = false;
        await using var harness = await DiscordPlatformHarness.StartAsync(_server);
        var first = await harness.ConnectedAsync();

        var closeCode = await first.Closed.WaitAsync(TimeSpan.FromSeconds(5));
        _server.AcknowledgeHeartbeats = true;

        Assert.Equal(4000, closeCode);
        var second = await _server.NextConnectionAsync();
        var resume = (await second.WaitForOpAsync(6)).GetProperty("d");
        Assert.Equal("session-1", resume.GetProperty("session_id").GetString());
    }

    [Fact]
    public async Task Close4004_StopsThePlatformWithoutReconnecting()
    {
        await using var harness = await DiscordPlatformHarness.StartAsync(_server);
        var connection = await harness.ConnectedAsync();
        var status = harness.Services.GetRequiredService<PlatformStatus>();
        Assert.Empty(status.StoppedPlatforms);

        await connection.CloseAsync(4004, "Authentication failed.");

        await harness.Execution!.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(1, _server.ConnectionCount);
        var reason = Assert.Single(status.StoppedPlatforms, p => p.Key == "discord").Value;
        Assert.Contains("4004", reason, StringComparison.Ordinal);
    }
}
