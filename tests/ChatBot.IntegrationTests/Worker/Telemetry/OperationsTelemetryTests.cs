using ChatBot.IntegrationTests.Digests;
using ChatBot.IntegrationTests.Slack;
using ChatBot.Retrieval.Storage;
using ChatBot.Retrieval.Storage.Sql;
using ChatBot.TestKit.Slack;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatBot.IntegrationTests.Worker.Telemetry;

/// <summary>The background work's counters: digest slots, Slack socket refreshes and store retries, each with its tags.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class OperationsTelemetryTests : IAsyncLifetime, IDisposable
{
    private readonly TelemetryCapture _telemetry = new();
    private readonly DigestFixture _digests = new();

    public Task InitializeAsync() => _digests.InitializeAsync();

    public Task DisposeAsync() => _digests.DisposeAsync();

    public void Dispose() => _telemetry.Dispose();

    [Fact]
    public async Task DigestSlot_FailedThenRetriedThenPosted_EachCounted()
    {
        await _digests.Schedules.SetAsync("local", "discord", "c1", "0 8 * * *", "UTC", _digests.Time.GetUtcNow(), default);
        await _digests.AddArticleAsync("Story one", "https://a.example/1");
        var failures = 1;
        var publisher = new RecordingPublisher { OnPublish = (_, _, _) => failures-- > 0 ? throw new HttpRequestException("503") : Task.CompletedTask };
        var scheduler = _digests.Scheduler(publisher);
        _digests.SetUtc(3, 24, 8);

        await scheduler.RunOnceAsync(default);
        Assert.Equal(1, _telemetry.Count("chatbot.digest.slots", "platform=discord", "outcome=failed"));
        Assert.Equal(0, _telemetry.Count("chatbot.digest.slots", "outcome=posted"));

        _digests.Time.Advance(TimeSpan.FromSeconds(_digests.Options.RetryBaseSeconds));
        await scheduler.RunOnceAsync(default);

        Assert.Single(publisher.Posts);
        Assert.Equal(1, _telemetry.Count("chatbot.digest.slots", "platform=discord", "outcome=retried"));
        Assert.Equal(1, _telemetry.Count("chatbot.digest.slots", "platform=discord", "outcome=posted"));
        Assert.Equal(0, _telemetry.Count("chatbot.digest.slots", "outcome=abandoned"));
    }

    [Fact]
    public async Task SocketRefreshRequested_CountedByReason()
    {
        await using var bot = await SlackTestHost.StartAsync(connections: 1);
        var old = await bot.Slack.WaitForSocketAsync(0, SlackTestHost.Timeout);

        await old.SendAsync(SlackPayloads.Disconnect("refresh_requested"));
        await bot.Slack.WaitForSocketAsync(1, SlackTestHost.Timeout);

        Assert.Equal(1, await _telemetry.WaitForCountAsync(1, SlackTestHost.Timeout, "chatbot.slack.socket.refreshes", "reason=refresh_requested"));
    }

    [Fact]
    public async Task PostgresUnreachable_RetriedOnAFreshConnectionOnce_ThenFails()
    {
        // Nothing listens on port 1: the connection is refused, a transient error that is retried once at once (budget 0).
        var options = Options.Create(new StorageOptions { ConnectionString = "Host=127.0.0.1;Port=1;Username=nobody;Timeout=2", ReconnectSeconds = 0 });
        await using var database = new PostgresConnectionFactory(options, NullLogger<PostgresConnectionFactory>.Instance);

        await Assert.ThrowsAnyAsync<Exception>(() => database.RunAsync((_, _) => Task.FromResult(0), CancellationToken.None));

        Assert.Equal(1, _telemetry.Count("chatbot.store.retries", "dialect=postgres"));
    }
}
