using System.Text.Json.Nodes;
using ChatBot.Core.Chat;
using ChatBot.TestKit.Discord;
using Moq;
using static ChatBot.IntegrationTests.Discord.DiscordRoutes;

namespace ChatBot.IntegrationTests.Discord;

/// <summary>Commands: admin rights, the command overwrite, autocomplete, buttons, duplicate interactions.</summary>
public sealed partial class DiscordPlatformTests
{
    [Fact]
    public async Task AdminCommand_WithoutManageServer_GetsEphemeralRefusal()
    {
        await using var harness = await DiscordPlatformHarness.StartAsync(_server);
        var connection = await harness.ConnectedAsync();

        await connection.DispatchAsync("INTERACTION_CREATE", FakeDiscordServer.Interaction("3300000000000000050", "add", [new JsonObject { ["name"] = "url", ["type"] = 3, ["value"] = "https://example.invalid/a" }], permissions: "2048"));

        var response = await _server.WaitForRequestAsync(r => r.Template == Callback);
        AssertValid(response);
        var body = BodyOf(response);
        Assert.Equal(4, body.GetProperty("type").GetInt32());
        Assert.Equal(64, body.GetProperty("data").GetProperty("flags").GetInt32());
        Assert.Contains("Manage Server", body.GetProperty("data").GetProperty("content").GetString(), StringComparison.Ordinal);
        harness.Handler.Verify(h => h.HandleAsync(It.IsAny<ChatRequest>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task AdminCommand_WithManageServer_RunsAsAdmin()
    {
        await using var harness = await DiscordPlatformHarness.StartAsync(_server, _ => ChatReply.Info("Added."));
        var connection = await harness.ConnectedAsync();

        await connection.DispatchAsync("INTERACTION_CREATE", FakeDiscordServer.Interaction("3300000000000000051", "feeds", [new JsonObject { ["name"] = "add", ["type"] = 1, ["options"] = new JsonArray(new JsonObject { ["name"] = "url", ["type"] = 3, ["value"] = "https://example.invalid/feed" }) }], permissions: "32"));

        var defer = await _server.WaitForRequestAsync(r => r.Template == Callback);
        await _server.WaitForRequestAsync(r => r.Template == Original);
        Assert.Equal(64, BodyOf(defer).GetProperty("data").GetProperty("flags").GetInt32());
        var request = Assert.Single(harness.HandledRequests);
        Assert.Equal((ChatCommand.Feeds, "add https://example.invalid/feed", true), (request.Command, request.Argument, request.IsAdmin));
    }

    [Fact]
    public async Task CommandOverwrite_IsSchemaValid_AndOnlySentWhenChanged()
    {
        using var temp = new TempDirectory();
        var data = temp.Path;
        await using (var first = await DiscordPlatformHarness.StartAsync(_server, dataDirectory: data))
        {
            await first.ConnectedAsync();
        }

        var put = Assert.Single(_server.Requests, r => r.Template == Commands);
        Assert.Equal("PUT", put.Method);
        AssertValid(put);
        Assert.Equal(15, BodyOf(put).GetArrayLength());
        Assert.Equal(2, BodyOf(put).EnumerateArray().Count(c => c.GetProperty("type").GetInt32() == 3));

        await using (var second = await DiscordPlatformHarness.StartAsync(_server, dataDirectory: data))
        {
            await second.ConnectedAsync();
        }

        Assert.Single(_server.Requests, r => r.Template == Commands);
    }

    [Fact]
    public async Task Autocomplete_OnArticle_SuggestsIndexedArticles()
    {
        await using var harness = await DiscordPlatformHarness.StartAsync(_server);
        var connection = await harness.ConnectedAsync();
        var interaction = FakeDiscordServer.Interaction("3300000000000000060", "summarize", [new JsonObject { ["name"] = "article", ["type"] = 3, ["value"] = "deep", ["focused"] = true }], type: 4);

        await connection.DispatchAsync("INTERACTION_CREATE", interaction);

        var response = await _server.WaitForRequestAsync(r => r.Template == Callback);
        AssertValid(response);
        var body = BodyOf(response);
        Assert.Equal(8, body.GetProperty("type").GetInt32());
        var choice = Assert.Single(body.GetProperty("data").GetProperty("choices").EnumerateArray());
        Assert.Equal("2", choice.GetProperty("value").GetString());
    }

    [Fact]
    public async Task SummarizeButton_RunsSummarizeForTheArticle()
    {
        await using var harness = await DiscordPlatformHarness.StartAsync(_server);
        var connection = await harness.ConnectedAsync();

        await connection.DispatchAsync("INTERACTION_CREATE", FakeDiscordServer.Interaction("3300000000000000070", string.Empty, customId: "summarize:2", type: 3));

        var defer = await _server.WaitForRequestAsync(r => r.Template == Callback);
        await _server.WaitForRequestAsync(r => r.Template == Original);
        Assert.Equal(5, BodyOf(defer).GetProperty("type").GetInt32());
        var request = Assert.Single(harness.HandledRequests);
        Assert.Equal((ChatCommand.Summarize, "2"), (request.Command, request.Argument));
    }

    [Fact]
    public async Task DuplicateInteraction_IsAnsweredOnce()
    {
        await using var harness = await DiscordPlatformHarness.StartAsync(_server);
        var connection = await harness.ConnectedAsync();
        var interaction = FakeDiscordServer.Interaction("3300000000000000080", "ask", AskOptions("twice?"));

        await connection.DispatchAsync("INTERACTION_CREATE", interaction);
        await connection.DispatchAsync("INTERACTION_CREATE", interaction.DeepClone());
        await connection.DispatchAsync("INTERACTION_CREATE", FakeDiscordServer.Interaction("3300000000000000081", "help"));

        await _server.WaitForRequestAsync(r => r.Template == Original && r.Path.Contains("3300000000000000081", StringComparison.Ordinal));
        await _server.WaitForRequestAsync(r => r.Template == Original && r.Path.Contains("3300000000000000080", StringComparison.Ordinal));
        Assert.Single(_server.Requests, r => r.Template == Callback && r.Path.Contains("3300000000000000080", StringComparison.Ordinal));
    }
}
