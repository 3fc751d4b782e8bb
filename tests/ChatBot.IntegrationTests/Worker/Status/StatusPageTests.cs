using System.Net;
using AngleSharp.Html.Parser;
using ChatBot.Core.Stats;
using ChatBot.Digests.Storage;
using ChatBot.IntegrationTests.Libraries;
using ChatBot.Retrieval.Ingestion;
using ChatBot.Retrieval.Storage.Articles;
using ChatBot.TestKit.Discord;
using ChatBot.Worker.Health;
using ChatBot.Worker.Status;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace ChatBot.IntegrationTests.Worker.Status;

/// <summary>
/// The status page of the real host (fake Discord, SQLite) in the distribution's headless Chromium: the DOM the browser
/// built shows the stored libraries, questions per hour, gaps, feeds and schedules with the right counts, hostile text
/// as text, no secret from a feed address, no channel or user id; a screenshot goes into the test output. Off unless configured.
/// </summary>
public sealed class StatusPageTests(ITestOutputHelper output) : IDisposable
{
    private const string Channel = "4400000000000000004";
    private const string HostileTitle = "<img src=x onerror=alert(1)>Evil & \"Co\"";
    private const string HostileQuestion = "How do quokkas sleep <script>alert(1)</script>";
    private const string User = "5500000000000000005";
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47];
    private readonly BotHost _bot = new();

    public void Dispose() => _bot.Dispose();

    [Fact]
    public async Task StatusPage_InChromium_ShowsCountsFeedsAndSchedules_EncodedAndRedacted()
    {
        await using var discord = await FakeDiscordServer.StartAsync();
        // The feeds are added due tomorrow, so the poller (which may look for due feeds just after they are added) leaves
        // them alone: the feed states below are the test's own.
        using var host = Build(discord, "--Health:StatusPage:Enabled=true", "--Feeds:CheckIntervalSeconds=3600");
        await host.StartAsync();
        try
        {
            var now = DateTimeOffset.UtcNow;
            var articles = host.Services.GetRequiredService<IArticleStore>();
            await AddArticleAsync(articles, "docs", "A guide", "https://docs.example/guide");
            await AddArticleAsync(articles, "docs", HostileTitle, "https://docs.example/evil");
            var feeds = host.Services.GetRequiredService<IFeedStore>();
            var notDue = now.AddDays(1);
            var (working, _) = await feeds.AddAsync("local", "https://feeds.example/ok.xml?token=SECRET-TOKEN-1", "discord", Channel, notDue, default);
            await feeds.RecordSuccessAsync(working.Id, null, null, HostileTitle, default);
            var (failing, _) = await feeds.AddAsync("local", "https://user:SECRET-PASS@feeds.example/bad.xml", "discord", Channel, notDue, default);
            await feeds.RecordFailureAsync(failing.Id, "HTTP 500 from https://feeds.example/bad.xml?key=SECRET-TOKEN-2", now, default);
            await host.Services.GetRequiredService<IDigestScheduleStore>().SetAsync("docs", "discord", Channel, "0 8 * * *", "Europe/Berlin", now, default);
            var log = host.Services.GetRequiredService<IQuestionLog>();
            await AskedAsync(log, now, "What is new?", QuestionOutcomes.Answered, HostileQuestion, QuestionOutcomes.Abstained, "Who wrote the guide?", QuestionOutcomes.Answered);
            await AskedAsync(log, now.AddHours(-2), "how do quokkas sleep? <script>alert(1)</script>", QuestionOutcomes.Abstained, "Any news?", QuestionOutcomes.Answered);
            await AskedAsync(log, now.AddHours(-30), "Too old for the chart?", QuestionOutcomes.Answered);
            var page = new Uri(new Uri(Health(host).BoundUrls[0]), "/");

            var dom = await HeadlessChromium.DumpDomAsync(page);
            var png = Path.Combine(AppContext.BaseDirectory, "status-page", "status-page.png");
            Directory.CreateDirectory(Path.GetDirectoryName(png)!);
            await HeadlessChromium.ScreenshotAsync(page, png);
            output.WriteLine($"Screenshot of the status page: {png}");

            var document = new HtmlParser().ParseDocument(dom);
            Assert.Equal("ChatBot status", document.Title);
            var libraries = document.QuerySelectorAll("#libraries tbody tr").ToDictionary(r => r.GetAttribute("data-library")!, r => int.Parse(r.GetAttribute("data-articles")!, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(2, libraries["docs"]);
            Assert.Equal((await articles.ListAsync("local", default)).Count, libraries["local"]);
            var feedRows = document.QuerySelectorAll("#feeds tbody tr");
            Assert.Equal(2, feedRows.Length);
            Assert.Equal(["failing", "ok"], feedRows.Select(r => r.GetAttribute("data-status")).Order());
            Assert.Contains(HostileTitle, feedRows.Single(r => r.GetAttribute("data-status") == "ok").TextContent, StringComparison.Ordinal);
            Assert.Contains("HTTP 500 from https://feeds.example/bad.xml", feedRows.Single(r => r.GetAttribute("data-status") == "failing").TextContent, StringComparison.Ordinal);
            var schedule = Assert.Single(document.QuerySelectorAll("#schedules tbody tr"));
            Assert.Contains("0 8 * * *", schedule.TextContent, StringComparison.Ordinal);
            Assert.Matches(@"\d{4}-\d\d-\d\d 0[67]:00 UTC", schedule.TextContent);
            Assert.Equal("ready", document.QuerySelector("#health")!.TextContent);

            // The last day's questions per hour: 24 bars; this hour's 3 and the 2 of two hours ago, the older one left out.
            var bars = document.QuerySelectorAll("#questions svg rect.bar").Select(b => int.Parse(b.GetAttribute("data-count")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(24, bars.Count);
            Assert.Equal([2, 3], bars.Where(c => c > 0).Order());
            // The two wordings of the unanswered question count once, as two askings, shown as text.
            var gap = Assert.Single(document.QuerySelectorAll("#gaps li"));
            Assert.Equal("2", gap.GetAttribute("data-times"));
            Assert.Contains("<script>alert(1)</script>", gap.TextContent, StringComparison.Ordinal);

            // Hostile input stays text: the browser built no element from it, and no script runs on the page at all.
            Assert.Empty(document.QuerySelectorAll("img, script, iframe"));
            Assert.DoesNotContain("SECRET", dom, StringComparison.Ordinal);
            Assert.DoesNotContain(Channel, dom, StringComparison.Ordinal);
            Assert.DoesNotContain(User, dom, StringComparison.Ordinal);
            var bytes = await File.ReadAllBytesAsync(png);
            Assert.True(bytes.Length > 1000 && bytes.AsSpan(0, 4).SequenceEqual(PngSignature), "a PNG screenshot");
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task StatusPage_NotConfigured_RootIsNotFoundWhileHealthAnswers()
    {
        await using var discord = await FakeDiscordServer.StartAsync();
        using var host = Build(discord);
        await host.StartAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(Health(host).BoundUrls[0]) };
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("10.0.0.7", false)]
    [InlineData("192.168.1.20", false)]
    [InlineData("::ffff:10.0.0.7", false)]
    public void OnlyLoopbackClients_SeeThePageByDefault(string address, bool shown) =>
        Assert.Equal(shown, StatusPage.IsLoopback(IPAddress.Parse(address)));

    private static HealthEndpointService Health(IHost host) => host.Services.GetServices<IHostedService>().OfType<HealthEndpointService>().Single();

    private static async Task AddArticleAsync(IArticleStore store, string library, string title, string url)
    {
        var text = $"{title}. A first sentence of the article with enough words to be stored. A second one follows it.";
        await store.SaveAsync(new ArticleDraft(url, title, text, url) { Library = library }, ContentHash.Of(text), [], [], default);
    }

    /// <summary>Records questions (text, outcome pairs) asked at <paramref name="at"/> by one user in the local library.</summary>
    private static async Task AskedAsync(IQuestionLog log, DateTimeOffset at, params string[] questionsAndOutcomes)
    {
        for (var i = 0; i < questionsAndOutcomes.Length; i += 2)
        {
            await log.RecordAsync(new QuestionRecord("local", "discord", User, questionsAndOutcomes[i + 1], 120, null, questionsAndOutcomes[i], "An answer.", [], at), default);
        }
    }

    private IHost Build(FakeDiscordServer discord, params string[] extra) =>
        _bot.Build([.. SeedLibrary.Settings, .. BotHost.Discord(discord), "--Health:Urls=http://127.0.0.1:0", .. extra]);
}
