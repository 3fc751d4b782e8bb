using ChatBot.Core.Retrieval;
using ChatBot.IntegrationTests.Retrieval.Llm;
using ChatBot.TestKit.Llm;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.IntegrationTests.Digests;

/// <summary>The scheduled digest with the model's overview (IDigestOverviewWriter over the fake OpenAI server), and without it when the model fails.</summary>
public sealed class DigestOverviewTests : IAsyncLifetime
{
    private const string Channel = "c1";
    private readonly DigestFixture _fx = new();
    private LlmHarness _llm = null!;

    public async Task InitializeAsync()
    {
        await _fx.InitializeAsync();
        _llm = await LlmHarness.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _llm.DisposeAsync();
        await _fx.DisposeAsync();
    }

    [Fact]
    public async Task RunOnce_ModelWritesOverview_FirstPartOpensWithIt()
    {
        _llm.Server.Default = FakeChatBehaviour.Reply("Two stories today: a compiler release and a database update.");
        var publisher = await RunScheduledDigestAsync();

        var reply = Assert.Single(publisher.Posts).Reply;
        Assert.StartsWith("Two stories today: a compiler release and a database update.\n\n**2 stories**", reply.Text, StringComparison.Ordinal);
        Assert.Equal(2, reply.Items.Count);
        var request = Assert.Single(_llm.Server.Requests);
        Assert.Contains("Compiler release", request.User, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunOnce_ModelDown_ExtractiveDigestPostedUnchanged()
    {
        _llm.Server.Default = FakeChatBehaviour.ServerError(500);
        var publisher = await RunScheduledDigestAsync();

        var reply = Assert.Single(publisher.Posts).Reply;
        Assert.StartsWith("**2 stories**", reply.Text, StringComparison.Ordinal);
        Assert.Equal(2, reply.Items.Count);
        Assert.NotEmpty(_llm.Server.Requests);
    }

    private async Task<RecordingPublisher> RunScheduledDigestAsync()
    {
        await _fx.Schedules.SetAsync("local", "discord", Channel, "0 8 * * *", "UTC", _fx.Time.GetUtcNow(), default);
        await _fx.AddArticleAsync("Compiler release", "https://a.example/compiler");
        await _fx.AddArticleAsync("Database update", "https://b.example/database");
        var publisher = new RecordingPublisher();
        var scheduler = _fx.Scheduler(_fx.Composer(_llm.Services.GetRequiredService<IDigestOverviewWriter>()), publisher);
        _fx.SetUtc(3, 24, 8);

        await scheduler.RunOnceAsync(default);

        return publisher;
    }
}
