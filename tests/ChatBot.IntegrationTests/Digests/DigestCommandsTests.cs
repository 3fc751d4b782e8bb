using ChatBot.Core.Chat;
using ChatBot.Core.Retrieval;
using ChatBot.Digests;
using ChatBot.Retrieval.Ingestion.Feeds;
using ChatBot.Retrieval.Storage.Sql;
using ChatBot.Worker.Commands;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace ChatBot.IntegrationTests.Digests;

/// <summary>Runs on both providers: <c>SqliteDigestCommandsTests</c> and <c>PostgresDigestCommandsTests</c>.</summary>
public abstract class DigestCommandsTests(SqlDialect dialect) : IAsyncLifetime
{
    private readonly DigestFixture _fx = new(dialect);
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
        var list = await SendAsync("/feeds list");
        var feedId = Assert.Single(await _fx.Feeds.ListAsync("discord:g1", "discord", "c1", default)).Id;
        var removed = await SendAsync($"/feeds remove {feedId}");
        var empty = await SendAsync("/feeds list");

        Assert.Contains("Subscribed this channel", added.Text);
        Assert.Contains("Already subscribed", again.Text);
        Assert.Equal("https://news.example/rss", Assert.Single(list.Items).Url);
        Assert.Contains("Unsubscribed", removed.Text);
        Assert.Contains("no feeds", empty.Text);
    }

    [Fact]
    public async Task Feeds_AddWithAFeedClient_ReadsTheFeedFirstAndRefusesANonFeed()
    {
        var client = new Mock<IFeedClient>();
        client.Setup(c => c.FetchAsync(new Uri("https://news.example/rss"), null, null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new FeedFetchResult(false, null, null, "News", [new FeedItem("k", "T", null, null, "x", null)]) { Warning = "1 stray character(s) or entity reference(s) mended" });
        client.Setup(c => c.FetchAsync(new Uri("https://news.example/page"), null, null, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new IngestionException("https://news.example/page: not a feed (root element <html>)."));
        var commands = new DigestCommands(_fx.Scheduler(), _fx.Schedules, _fx.Feeds, _fx.Time, Microsoft.Extensions.Options.Options.Create(_fx.Options), NullLogger<DigestCommands>.Instance, client.Object);
        _router = new CommandRouter(Mock.Of<IRetrievalService>(), NullLogger<CommandRouter>.Instance, commands);

        var added = await SendAsync("/feeds add https://news.example/rss");
        var refused = await SendAsync("/feeds add https://news.example/page");

        Assert.Equal("Subscribed this channel to feed #1 https://news.example/rss (“News”, 1 item now; warning: 1 stray character(s) or entity reference(s) mended). Its new articles go into this channel's digest.", added.Text);
        Assert.Equal(ReplyKind.Refusal, refused.Kind);
        Assert.Equal("Not subscribed: https://news.example/page: not a feed (root element <html>).", refused.Text);
        Assert.Equal("News", Assert.Single(await _fx.Feeds.ListAsync("discord:g1", "discord", "c1", default)).Title);
    }

    [Fact]
    public async Task Feeds_ListAWorkingFeedWithAWarning_ShowsTheWarning()
    {
        var (feed, _) = await _fx.Feeds.AddAsync("discord:g1", "https://news.example/rss", "discord", "c1", _fx.Time.GetUtcNow(), default);
        await _fx.Feeds.RecordWarningAsync(feed.Id, "encoding utf-8 (the XML declaration) could not be read", default);

        var list = await SendAsync("/feeds list");

        Assert.EndsWith("— warning: encoding utf-8 (the XML declaration) could not be read", Assert.Single(list.Items).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Digest_WithNewArticles_ReturnsPreview()
    {
        await _fx.AddArticleAsync("Story one", "https://a.example/1", library: "discord:g1");

        var reply = await SendAsync("/digest");

        Assert.Equal(ReplyKind.Digest, reply.Kind);
        Assert.Equal("Story one", Assert.Single(reply.Items).Title);
        Assert.Empty(await _fx.Posts.ListAsync("discord", "c1", default));
    }

    [Fact]
    public async Task Feeds_AddForAnotherDiscordChannel_Refused()
    {
        // The url field of the Discord command takes "<url> <channel>" too; that channel may be another server's.
        var reply = await SendAsync("/feeds add https://other.example/atom <#c2>");

        Assert.Equal(ReplyKind.Refusal, reply.Kind);
        Assert.Contains("channel it posts to", reply.Text);
        Assert.Empty(await _fx.Feeds.ListAsync("discord:g1", "discord", "c2", default));
    }

    [Fact]
    public async Task Feeds_AddForAnotherSlackChannel_SubscribesThatChannel()
    {
        var reply = await SendAsync("/feeds add https://other.example/atom <#C2|news>", platform: "slack");

        Assert.Contains("channel C2", reply.Text);
        Assert.Single(await _fx.Feeds.ListAsync("slack:g1", "slack", "C2", default));
    }

    private Task<ChatReply> SendAsync(string line, bool isAdmin = true, string platform = "discord")
    {
        var (command, argument) = ChatCommandParser.Parse(line);
        return _router.HandleAsync(new ChatRequest(platform, "c1", "u1", command, argument, isAdmin, "ref1") { Workspace = "g1" }, default);
    }
}
