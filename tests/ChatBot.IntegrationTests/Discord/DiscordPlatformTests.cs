using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Core.Chat;
using ChatBot.Core.Events;
using ChatBot.TestKit.Discord;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using static ChatBot.IntegrationTests.Discord.DiscordRoutes;

namespace ChatBot.IntegrationTests.Discord;

public sealed partial class DiscordPlatformTests : IAsyncLifetime
{
    private FakeDiscordServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeDiscordServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static void AssertValid(FakeDiscordRequest request) =>
        Assert.True(request.SchemaErrors.Count == 0, $"{request.Method} {request.Template} does not match the OpenAPI schema: {string.Join(" | ", request.SchemaErrors.Take(10))}");

    private static void AssertNoPings(FakeDiscordRequest request)
    {
        var body = BodyOf(request);
        var message = request.Template == Callback ? (body.TryGetProperty("data", out var d) ? d : default) : body;
        if (message.ValueKind != JsonValueKind.Object || !(message.TryGetProperty("content", out _) || message.TryGetProperty("embeds", out _)))
        {
            return;
        }

        Assert.True(message.TryGetProperty("allowed_mentions", out var mentions), $"no allowed_mentions in {request.Method} {request.Template}");
        Assert.Equal(0, mentions.GetProperty("parse").GetArrayLength());
        Assert.DoesNotContain("@everyone", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_DefersWithinDeadlineThenEditsWithQuoteAndCitations()
    {
        await using var harness = await DiscordPlatformHarness.StartAsync(_server);
        var connection = await harness.ConnectedAsync();
        var sent = Stopwatch.StartNew();

        await connection.DispatchAsync("INTERACTION_CREATE", FakeDiscordServer.Interaction("3300000000000000003", "ask", AskOptions("Are open models catching up?")));

        var defer = await _server.WaitForRequestAsync(r => r.Template == Callback);
        Assert.True(sent.Elapsed < TimeSpan.FromSeconds(3), $"deferred after {sent.Elapsed}");
        Assert.Equal(5, BodyOf(defer).GetProperty("type").GetInt32());
        AssertValid(defer);
        var edit = await _server.WaitForRequestAsync(r => r.Template == Original && r.Method == "PATCH");
        AssertValid(edit);
        var embed = BodyOf(edit).GetProperty("embeds")[0];
        Assert.Contains("catching up [1]", embed.GetProperty("description").GetString(), StringComparison.Ordinal);
        var sources = embed.GetProperty("fields")[0];
        Assert.Equal("Sources", sources.GetProperty("name").GetString());
        Assert.Contains("`[1]` [DeepSeek R1 explained](https://example.invalid/r1)", sources.GetProperty("value").GetString(), StringComparison.Ordinal);
        Assert.Contains("`[2]` Open source models", sources.GetProperty("value").GetString(), StringComparison.Ordinal);
        var buttons = BodyOf(edit).GetProperty("components")[0].GetProperty("components");
        Assert.Equal(["sources", "summarize:2", "feedback:up", "feedback:down"], buttons.EnumerateArray().Select(b => b.GetProperty("custom_id").GetString()));
        AssertNoPings(edit);
        var request = Assert.Single(harness.HandledRequests);
        Assert.Equal((ChatCommand.Ask, "Are open models catching up?", "discord", "4400000000000000004"), (request.Command, request.Argument, request.Platform, request.ChannelId));
    }

    [Fact]
    public async Task RateLimited_CallbackAndEdit_WaitedOutAndRetried()
    {
        _server.FailNext("POST", Callback, 429, retryAfterSeconds: 0.2);
        _server.FailNext("PATCH", Original, 429, retryAfterSeconds: 0.2);
        await using var harness = await DiscordPlatformHarness.StartAsync(_server);
        var connection = await harness.ConnectedAsync();

        await connection.DispatchAsync("INTERACTION_CREATE", FakeDiscordServer.Interaction("3300000000000000020", "ask", AskOptions("rate?")));

        await _server.WaitForRequestAsync(r => r.Template == Original && _server.Requests.Count(x => x.Template == Original) >= 2);
        var callbacks = _server.Requests.Where(r => r.Template == Callback).ToList();
        var edits = _server.Requests.Where(r => r.Template == Original).ToList();
        Assert.Equal(2, callbacks.Count);
        Assert.Equal(2, edits.Count);
        Assert.True(callbacks[1].At - callbacks[0].At >= TimeSpan.FromMilliseconds(180), "the callback retry did not wait for retry_after");
        Assert.True(edits[1].At - edits[0].At >= TimeSpan.FromMilliseconds(180), "the edit retry did not wait for retry_after");
    }

    [Fact]
    public async Task Mentions_InQuestionAndAnswer_NothingCanPing()
    {
        const string question = "@everyone <@&2200000000000000009> @here what changed?";
        await using var harness = await DiscordPlatformHarness.StartAsync(_server, r => new ChatReply(ReplyKind.Answer, "You asked: " + r.Argument) { Title = r.Argument });
        var connection = await harness.ConnectedAsync();

        await connection.DispatchAsync("INTERACTION_CREATE", FakeDiscordServer.Interaction("3300000000000000030", "ask", AskOptions(question)));
        await connection.DispatchAsync("INTERACTION_CREATE", FakeDiscordServer.Interaction("3300000000000000031", "forget", [new JsonObject { ["name"] = "article", ["type"] = 3, ["value"] = "@everyone" }]));

        await _server.WaitForRequestAsync(r => r.Template == Original);
        await _server.WaitForRequestAsync(r => r.Template == Callback && r.Path.Contains("3300000000000000031", StringComparison.Ordinal));
        foreach (var request in _server.Requests.Where(r => r.Method is "POST" or "PATCH" && r.Template != Commands))
        {
            AssertNoPings(request);
        }
    }

    [Fact]
    public async Task LongAnswer_5000Chars_IsSplitWithinLimits()
    {
        var words = string.Join(' ', Enumerable.Range(0, 1200).Select(i => $"w{i:D4}"));
        var text = words[..5000];
        await using var harness = await DiscordPlatformHarness.StartAsync(_server, r => DiscordPlatformHarness.DefaultReply(r) with { Text = text });
        var connection = await harness.ConnectedAsync();

        await connection.DispatchAsync("INTERACTION_CREATE", FakeDiscordServer.Interaction("3300000000000000040", "ask", AskOptions("long?")));

        var followUp = await _server.WaitForRequestAsync(r => r.Template == FollowUp && r.Method == "POST");
        var edit = _server.Requests.Single(r => r.Template == Original && r.Method == "PATCH");
        var descriptions = new List<string>();
        foreach (var message in new[] { edit, followUp })
        {
            AssertValid(message);
            AssertNoPings(message);
            var embed = BodyOf(message).GetProperty("embeds")[0];
            var description = embed.TryGetProperty("description", out var d) ? d.GetString()! : string.Empty;
            Assert.InRange(description.Length, 0, 4096);
            var total = description.Length + (embed.TryGetProperty("fields", out var f) ? f.EnumerateArray().Sum(x => x.GetProperty("name").GetString()!.Length + x.GetProperty("value").GetString()!.Length) : 0);
            Assert.InRange(total, 0, 6000);
            descriptions.Add(description);
        }

        Assert.Equal(text.Split(' '), string.Join(' ', descriptions).Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task ClaimFails_DatabaseUnavailable_AnswersPrivateFailureWithRefInsteadOfSilence()
    {
        var deduplicator = new Mock<IEventDeduplicator>();
        deduplicator.Setup(d => d.TryClaimAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new TimeoutException("database unavailable"));
        await using var harness = await DiscordPlatformHarness.StartAsync(_server, deduplicator: deduplicator.Object);
        var connection = await harness.ConnectedAsync();

        await connection.DispatchAsync("INTERACTION_CREATE", FakeDiscordServer.Interaction("3300000000000000090", "ask", AskOptions("down?")));

        var response = await _server.WaitForRequestAsync(r => r.Template == Callback);
        AssertValid(response);
        var body = BodyOf(response);
        Assert.Equal(4, body.GetProperty("type").GetInt32());
        Assert.Equal(64, body.GetProperty("data").GetProperty("flags").GetInt32());
        Assert.Matches(@"^Something went wrong \(ref [0-9a-f]{8}\)", body.GetProperty("data").GetProperty("content").GetString());
        harness.Handler.Verify(h => h.HandleAsync(It.IsAny<ChatRequest>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Publisher_PostsDigestToChannel_SchemaValidWithoutPings()
    {
        await using var harness = await DiscordPlatformHarness.StartAsync(_server, start: false);
        var publisher = harness.Services.GetServices<IChatPublisher>().Single(p => p.Platform == "discord");
        var digest = new ChatReply(ReplyKind.Digest, "Today: @everyone look") { Items = [new ReplyItem("Story", "https://example.invalid/s", "What happened.")] };

        var id = await publisher.PublishAsync("4400000000000000004", digest, CancellationToken.None);

        var post = Assert.Single(_server.Requests, r => r.Template == "/channels/{channel_id}/messages");
        Assert.False(string.IsNullOrEmpty(id));
        AssertValid(post);
        AssertNoPings(post);
    }

    [Fact]
    public async Task Rest_ServerErrorRetried_AuthFailureSurfacedAndCounted()
    {
        await using var harness = await DiscordPlatformHarness.StartAsync(_server, start: false);
        var publisher = harness.Services.GetServices<IChatPublisher>().Single(p => p.Platform == "discord");
        var rest = harness.Services.GetRequiredService<ChatBot.Discord.Rest.DiscordRestClient>();
        _server.FailNext("POST", "/channels/{channel_id}/messages", 502);

        await publisher.PublishAsync("4400000000000000004", ChatReply.Info("hello"), CancellationToken.None);
        _server.FailNext("POST", "/channels/{channel_id}/messages", 403);
        var refused = await Assert.ThrowsAsync<ChatBot.Discord.Rest.DiscordApiException>(() => publisher.PublishAsync("4400000000000000004", ChatReply.Info("again"), CancellationToken.None));

        Assert.Equal(3, _server.Requests.Count(r => r.Template == "/channels/{channel_id}/messages"));
        Assert.True(refused.IsAuthFailure);
        Assert.Equal(1, rest.AuthFailures);
    }
}
