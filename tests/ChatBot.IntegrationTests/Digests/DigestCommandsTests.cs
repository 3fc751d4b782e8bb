using ChatBot.Core.Chat;
using ChatBot.Core.Retrieval;
using ChatBot.Worker.Commands;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace ChatBot.IntegrationTests.Digests;

/// <summary>Runs on both providers: <c>SqliteDigestCommandsTests</c> and <c>PostgresDigestCommandsTests</c>.</summary>
public abstract class DigestCommandsTests(bool postgres) : IAsyncLifetime
{
    private readonly DigestFixture _fx = new(postgres);
    private CommandRouter _router = null!;

    public async Task InitializeAsync()
    {
        await _fx.InitializeAsync();
        _router = new CommandRouter(Mock.Of<IRetrievalService>(), NullLogger<CommandRouter>.Instance, _fx.Commands(_fx.Scheduler(new RecordingPublisher())));
    }

    public Task DisposeAsync() => _fx.DisposeAsync();

    [Fact]
    public async Task Schedule_SetShowOff_StoresAndReportsNextRun()
    {
        _fx.SetUtc(3, 29, 12);

        var set = await SendAsync("/schedule set \"0 8 * * *\" Europe/Berlin");
        var show = await SendAsync("/schedule show");
        var off = await SendAsync("/schedule off");
        var after = await SendAsync("/schedule show");

        Assert.Equal(ReplyKind.Info, set.Kind);
        Assert.Contains("Sun 30 Mar 2025 08:00 Europe/Berlin (UTC+02:00)", set.Text);
        Assert.Contains("`0 8 * * *` in Europe/Berlin", show.Text);
        Assert.Contains("Next digest: Sun 30 Mar 2025 08:00", show.Text);
        Assert.Contains("turned off", off.Text);
        Assert.Contains("no digest schedule", after.Text);
        Assert.False((await _fx.Schedules.GetAsync("discord", "c1", default))!.Enabled);
    }

    [Fact]
    public async Task Schedule_SetInvalidCronOrZone_Refused()
    {
        Assert.Equal(ReplyKind.Refusal, (await SendAsync("/schedule set \"99 8 * * *\"")).Kind);
        Assert.Equal(ReplyKind.Refusal, (await SendAsync("/schedule set \"0 8 * * *\" Mars/Olympus")).Kind);
        Assert.Equal(ReplyKind.Refusal, (await SendAsync("/schedule set \"* * * * *\"")).Kind);
        Assert.Null(await _fx.Schedules.GetAsync("discord", "c1", default));
    }

    [Fact]
    public async Task Schedule_NotAdmin_Refused()
    {
        var reply = await SendAsync("/schedule set \"0 8 * * *\"", isAdmin: false);

        Assert.Equal(ReplyKind.Refusal, reply.Kind);
        Assert.Null(await _fx.Schedules.GetAsync("discord", "c1", default));
    }

    [Fact]
    public async Task Feeds_AddListRemove_ManagesChannelSubscriptions()
    {
        var added = await SendAsync("/feeds add https://news.example/rss");
        var again = await SendAsync("/feeds add https://news.example/rss");
        var elsewhere = await SendAsync("/feeds add https://other.example/atom <#c2>");
        var list = await SendAsync("/feeds list");
        var feedId = Assert.Single(await _fx.Feeds.ListAsync("discord", "c1", default)).Id;
        var removed = await SendAsync($"/feeds remove {feedId}");
        var empty = await SendAsync("/feeds list");

        Assert.Contains("Subscribed this channel", added.Text);
        Assert.Contains("Already subscribed", again.Text);
        Assert.Contains("channel c2", elsewhere.Text);
        Assert.Equal("https://news.example/rss", Assert.Single(list.Items).Url);
        Assert.Contains("Unsubscribed", removed.Text);
        Assert.Contains("no feeds", empty.Text);
        Assert.Single(await _fx.Feeds.ListAsync("discord", "c2", default));
    }

    [Fact]
    public async Task Digest_WithNewArticles_ReturnsPreview()
    {
        await _fx.AddArticleAsync("Story one", "https://a.example/1");

        var reply = await SendAsync("/digest");

        Assert.Equal(ReplyKind.Digest, reply.Kind);
        Assert.Equal("Story one", Assert.Single(reply.Items).Title);
        Assert.Empty(await _fx.Posts.ListAsync("discord", "c1", default));
    }

    private Task<ChatReply> SendAsync(string line, bool isAdmin = true)
    {
        var (command, argument) = ChatCommandParser.Parse(line);
        return _router.HandleAsync(new ChatRequest("discord", "c1", "u1", command, argument, isAdmin, "ref1") { Workspace = "g1" }, default);
    }
}
