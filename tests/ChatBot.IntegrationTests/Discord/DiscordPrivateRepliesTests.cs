using ChatBot.Core.Chat;
using ChatBot.Discord.Interactions;
using ChatBot.TestKit.Discord;
using Moq;
using static ChatBot.IntegrationTests.Discord.DiscordRoutes;

namespace ChatBot.IntegrationTests.Discord;

/// <summary>Refusals, errors and "busy" go to the asker only (ephemeral flag 64); answers stay public.</summary>
public sealed class DiscordPrivateRepliesTests : IAsyncLifetime
{
    private FakeDiscordServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeDiscordServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Refusal_ReplacesPublicThinkingWithEphemeralFollowUp()
    {
        await using var harness = await DiscordPlatformHarness.StartAsync(_server, reply: _ => ChatReply.Refusal("What would you like to know?"));
        var connection = await ConnectedAsync(_server);

        await connection.DispatchAsync("INTERACTION_CREATE", FakeDiscordServer.Interaction("3300000000000000501", "ask", AskOptions("?")));

        var followUp = await _server.WaitForRequestAsync(r => r.Template == FollowUp && For(r, "3300000000000000501"), Patience);
        Assert.Empty(followUp.SchemaErrors);
        Assert.Equal(64, Flags(BodyOf(followUp)));
        Assert.Contains("What would you like to know?", followUp.Body, StringComparison.Ordinal);
        Assert.Contains(_server.Requests, r => r.Method == "DELETE" && r.Template == Original && For(r, "3300000000000000501"));
        Assert.DoesNotContain(_server.Requests, r => r.Method == "PATCH" && r.Template == Original && For(r, "3300000000000000501"));
    }

    [Fact]
    public async Task Answer_StaysPublic()
    {
        await using var harness = await DiscordPlatformHarness.StartAsync(_server);
        var connection = await ConnectedAsync(_server);

        await connection.DispatchAsync("INTERACTION_CREATE", FakeDiscordServer.Interaction("3300000000000000502", "ask", AskOptions("open models?")));

        var edit = await _server.WaitForRequestAsync(r => r.Method == "PATCH" && r.Template == Original && For(r, "3300000000000000502"), Patience);
        var defer = Assert.Single(_server.Requests, r => r.Template == Callback && For(r, "3300000000000000502"));
        Assert.Null(Flags(BodyOf(edit)));
        Assert.False(BodyOf(defer).TryGetProperty("data", out _));
    }

    [Fact]
    public async Task HandlerFails_FailureWithRefGoesToAskerOnly()
    {
        await using var harness = await DiscordPlatformHarness.StartAsync(_server, reply: _ => throw new InvalidOperationException("boom"));
        var connection = await ConnectedAsync(_server);

        await connection.DispatchAsync("INTERACTION_CREATE", FakeDiscordServer.Interaction("3300000000000000503", "ask", AskOptions("fail?")));

        var followUp = await _server.WaitForRequestAsync(r => r.Template == FollowUp && For(r, "3300000000000000503"), Patience);
        Assert.Empty(followUp.SchemaErrors);
        Assert.Equal(64, Flags(BodyOf(followUp)));
        Assert.Matches(@"^Something went wrong \(ref [0-9a-f]{8}\)", BodyOf(followUp).GetProperty("content").GetString());
        Assert.DoesNotContain(_server.Requests, r => r.Method == "PATCH" && r.Template == Original && For(r, "3300000000000000503"));
    }

    [Fact]
    public async Task QueueFull_BusyAnsweredPrivatelyInTheCallback()
    {
        var release = new TaskCompletionSource<ChatReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var harness = await DiscordPlatformHarness.StartAsync(_server, overrides: new Dictionary<string, string?>
        {
            ["Discord:Workers"] = "1",
            ["Discord:QueueCapacity"] = "1",
        });
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Handler.Setup(h => h.HandleAsync(It.IsAny<ChatRequest>(), It.IsAny<CancellationToken>()))
            .Returns(() =>
            {
                started.TrySetResult();
                return release.Task;
            });
        var connection = await ConnectedAsync(_server);

        // The first keeps the worker, the second waits in the queue, the third finds it full.
        await connection.DispatchAsync("INTERACTION_CREATE", FakeDiscordServer.Interaction("3300000000000000511", "ask", AskOptions("one")));
        await started.Task.WaitAsync(Patience);
        await connection.DispatchAsync("INTERACTION_CREATE", FakeDiscordServer.Interaction("3300000000000000512", "ask", AskOptions("two")));
        await _server.WaitForRequestAsync(r => r.Template == Callback && For(r, "3300000000000000512"), Patience);
        await connection.DispatchAsync("INTERACTION_CREATE", FakeDiscordServer.Interaction("3300000000000000513", "ask", AskOptions("three")));

        // The second took its place in the queue before its callback, so the third is told in its callback itself:
        // privately, with no public "thinking…" first.
        var busy = await _server.WaitForRequestAsync(r => For(r, "3300000000000000513") && r.Body.Contains("busy right now", StringComparison.Ordinal), Patience);
        release.SetResult(DiscordPlatformHarness.DefaultReply(new ChatRequest("discord", "c", "u", ChatCommand.Ask, "one", false, "x")));

        Assert.Empty(busy.SchemaErrors);
        Assert.Equal("POST", busy.Method);
        Assert.Equal(Callback, busy.Template);
        Assert.Equal(4, BodyOf(busy).GetProperty("type").GetInt32());
        Assert.Equal(64, Flags(BodyOf(busy).GetProperty("data")));
        Assert.Single(_server.Requests, r => r.Template == Callback && For(r, "3300000000000000513"));
        Assert.DoesNotContain(_server.Requests, r => r.Method == "PATCH" && For(r, "3300000000000000513"));
    }
}
