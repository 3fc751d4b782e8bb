using System.Text.Json;
using ChatBot.Discord;
using ChatBot.Discord.Gateway;
using ChatBot.TestKit.Discord;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static ChatBot.IntegrationTests.Discord.DiscordRoutes;

namespace ChatBot.IntegrationTests.Discord;

/// <summary>Several shards in one process against a fake gateway that recommends more than one.</summary>
public sealed class DiscordShardTests : IAsyncLifetime
{
    private FakeDiscordServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeDiscordServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static int[] ShardOf(FakeGatewayConnection connection)
    {
        var identify = connection.Received.First(f => f.GetProperty("op").GetInt32() == 2);
        return identify.GetProperty("d").GetProperty("shard").EnumerateArray().Select(e => e.GetInt32()).ToArray();
    }

    [Fact]
    public async Task Automatic_RunsTheRecommendedShards_AndResumesEachOnItsOwn()
    {
        _server.RecommendedShards = 2;
        await using var harness = await DiscordPlatformHarness.StartAsync(_server);
        var first = await ConnectedAsync(_server);
        var second = await ConnectedAsync(_server);
        var shards = new[] { first, second }.OrderBy(c => ShardOf(c)[0]).ToArray();

        Assert.Equal([0, 2], ShardOf(shards[0]));
        Assert.Equal([1, 2], ShardOf(shards[1]));

        // Shard 1 drops with a resumable code: it alone resumes its own session; shard 0 stays connected.
        await shards[1].CloseAsync(4000, "unknown error");
        var resumed = await _server.NextConnectionAsync(Patience);
        var resume = await resumed.WaitForOpAsync(6, Patience);

        Assert.Equal(shards[1].SessionId, resume.GetProperty("d").GetProperty("session_id").GetString());
        Assert.Equal(2, _server.IdentifyCount);
        Assert.Equal(1, _server.ResumeCount);
        Assert.False(shards[0].IsClosed);

        // The resumed shard still delivers interactions to the one dispatcher.
        await resumed.DispatchAsync("INTERACTION_CREATE", FakeDiscordServer.Interaction("3300000000000000950", "ask", AskOptions("still there?")));
        await _server.WaitForRequestAsync(r => r.Method == "PATCH" && r.Template == Original && For(r, "3300000000000000950"), Patience);
    }

    [Fact]
    public async Task ConfiguredShardIds_RunsThoseOfTheCount_AndWarnsWhenBelowTheRecommendation()
    {
        _server.RecommendedShards = 8;
        await using var harness = await DiscordPlatformHarness.StartAsync(_server, overrides: new Dictionary<string, string?>
        {
            ["Discord:ShardCount"] = "4",
            ["Discord:ShardIds:0"] = "1",
            ["Discord:ShardIds:1"] = "3",
        });
        var a = await ConnectedAsync(_server);
        var b = await ConnectedAsync(_server);

        Assert.Equal(["1/4", "3/4"], new[] { ShardOf(a), ShardOf(b) }.Select(s => $"{s[0]}/{s[1]}").Order());
        Assert.Contains(harness.Logs.Entries, e => e.EventId.Id == 1114 && e.Message.Contains("recommends 8", StringComparison.Ordinal));
    }

    [Fact]
    public async Task IdentifyTurns_ShardsOfOneBucketWaitTheSpacing_BucketsGoTogether()
    {
        _server.MaxConcurrency = 2;
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(time);
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Discord:Token"] = FakeDiscordServer.BotToken,
            ["Discord:ApplicationId"] = FakeDiscordServer.ApplicationId,
            ["Discord:ApiBaseUrl"] = _server.ApiBaseUrl,
            ["Discord:IdentifySpacingMilliseconds"] = "5000",
        }).Build();
        services.AddSingleton<IConfiguration>(config);
        services.AddDiscord(config);
        await using var provider = services.BuildServiceProvider();
        var scheduler = provider.GetRequiredService<DiscordIdentifyScheduler>();

        // Shards 0 and 1 are in different buckets (max_concurrency 2): both go at once.
        await Task.WhenAll(scheduler.WaitForTurnAsync(0, CancellationToken.None), scheduler.WaitForTurnAsync(1, CancellationToken.None)).WaitAsync(Patience);
        var turns = new Task<string>?[5];
        for (var shard = 2; shard < 5; shard++)
        {
            turns[shard] = scheduler.WaitForTurnAsync(shard, CancellationToken.None);
        }

        Assert.All(turns[2..], t => Assert.False(t!.IsCompleted));
        time.Advance(TimeSpan.FromSeconds(5));
        await Task.WhenAll(turns[2]!, turns[3]!).WaitAsync(Patience);
        Assert.False(turns[4]!.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(_server.GatewayUrl, await turns[4]!.WaitAsync(Patience));
        Assert.Single(_server.Requests, r => r.Template == "/gateway/bot");
    }
}
