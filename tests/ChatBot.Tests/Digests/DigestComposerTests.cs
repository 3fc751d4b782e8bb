using ChatBot.Core.Chat;
using ChatBot.Core.Retrieval;
using ChatBot.Digests;
using ChatBot.Digests.Storage;
using ChatBot.Discord.Rendering;
using ChatBot.Retrieval.Summaries;
using Microsoft.Extensions.Options;
using Moq;

namespace ChatBot.Tests.Digests;

public sealed class DigestComposerTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 24, 8, 0, 0, TimeSpan.Zero);
    private readonly DigestComposer _composer = new(new ExtractiveSummarizer(), Options.Create(new DigestOptions()));

    [Fact]
    public void BuildStories_SameStoryFromTwoFeeds_MergedIntoOneStoryWithBothSources()
    {
        var articles = new[]
        {
            Article(1, "OpenAI releases GPT-5 model", "https://a.example/1", "Feed A"),
            Article(2, "GPT-5 model released by OpenAI", "https://b.example/2", "Feed B"),
            Article(3, "Debian 13 is out with a new installer", "https://b.example/3", "Feed B"),
        };

        var stories = _composer.BuildStories(articles, Now);

        Assert.Equal(2, stories.Count);
        Assert.Equal(2, stories[0].SourceCount);
        Assert.Equal([1L, 2L], stories[0].Others.Append(stories[0].Primary).Select(a => a.Id).Order());
    }

    [Fact]
    public void BuildStories_EqualCoverage_NewerFirst()
    {
        var old = Article(1, "Old news about compilers", "https://a.example/1", "Feed A", Now.AddHours(-20));
        var fresh = Article(2, "Fresh news about databases", "https://a.example/2", "Feed A", Now.AddHours(-1));

        var stories = _composer.BuildStories([old, fresh], Now);

        Assert.Equal([2L, 1L], stories.Select(s => s.Primary.Id));
    }

    [Fact]
    public void Render_MoreThanTwentyStories_SplitsIntoPartsOfAtMostTwenty()
    {
        var articles = Enumerable.Range(1, 45).Select(i => Article(i, $"{Word(i)} meets {Word(i + 100)}", $"https://a.example/{i}", "Feed A")).ToList();

        var parts = _composer.Render(_composer.BuildStories(articles, Now), new DigestHeading(Now));

        Assert.True(parts.Count >= 3);
        Assert.All(parts, p => Assert.InRange(p.Items.Count, 1, 20));
        Assert.All(parts, p => Assert.Equal(ReplyKind.Digest, p.Kind));
        Assert.Equal(45, parts.Sum(p => p.Items.Count));
        Assert.Equal("Daily digest — Monday 24 March 2025 (1/" + parts.Count + ")", parts[0].Title);
        Assert.StartsWith("**45 stories**", parts[0].Text);
    }

    [Fact]
    public void Render_Story_HasShortSummaryAndLink()
    {
        var stories = _composer.BuildStories([Article(1, "Kernel 6.14 released", "https://a.example/k", "LWN")], Now);

        var item = Assert.Single(Assert.Single(_composer.Render(stories, new DigestHeading(Now))).Items);

        Assert.Equal("https://a.example/k", item.Url);
        Assert.InRange(item.Text.Length, 20, DigestComposer.MaxItemTextLength);
        Assert.EndsWith("— LWN", item.Text);
        Assert.Null(item.Sources);
    }

    [Fact]
    public async Task RenderAsync_OverviewWritten_OpensTheFirstPart()
    {
        var writer = new Mock<IDigestOverviewWriter>();
        writer.Setup(w => w.WriteOverviewAsync(It.Is<IReadOnlyList<ReplyItem>>(items => items.Count == 2), It.IsAny<CancellationToken>()))
            .ReturnsAsync("  Compilers and databases moved this week.  ");
        var composer = new DigestComposer(new ExtractiveSummarizer(), Options.Create(new DigestOptions()), writer.Object);
        var stories = composer.BuildStories([Article(1, "Old news about compilers", "https://a.example/1", "Feed A"), Article(2, "Fresh news about databases", "https://a.example/2", "Feed A")], Now);

        var parts = await composer.RenderAsync(stories, new DigestHeading(Now), CancellationToken.None);

        var plain = composer.Render(stories, new DigestHeading(Now));
        Assert.Equal("Compilers and databases moved this week.\n\n" + plain[0].Text, Assert.Single(parts).Text);
        Assert.Equal(plain[0].Items, parts[0].Items);
    }

    [Fact]
    public async Task RenderAsync_LongOverviewOverFullParts_EveryPartFitsOneDiscordMessage()
    {
        // A part that needs two Discord messages is posted as two: a retry after the second failed would post the first again.
        var writer = new Mock<IDigestOverviewWriter>();
        writer.Setup(w => w.WriteOverviewAsync(It.IsAny<IReadOnlyList<ReplyItem>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(string.Join(' ', Enumerable.Repeat("Compilers, databases and kernels all moved this week.", 40)));
        var composer = new DigestComposer(new ExtractiveSummarizer(), Options.Create(new DigestOptions()), writer.Object);
        var articles = Enumerable.Range(1, 40).Select(i => Article(i, $"{Word(i)} meets {Word(i + 100)}", $"https://a.example/{i}", "Feed A")).ToList();

        var parts = await composer.RenderAsync(composer.BuildStories(articles, Now), new DigestHeading(Now), CancellationToken.None);

        Assert.StartsWith("Compilers, databases", parts[0].Text);
        Assert.Equal(40, parts.Sum(p => p.Items.Count));
        Assert.All(parts, p => Assert.Single(DiscordMessageRenderer.Render(p)));
    }

    [Fact]
    public async Task RenderAsync_OverviewWriterThrows_DigestUnchanged()
    {
        var writer = new Mock<IDigestOverviewWriter>();
        writer.Setup(w => w.WriteOverviewAsync(It.IsAny<IReadOnlyList<ReplyItem>>(), It.IsAny<CancellationToken>())).ThrowsAsync(new HttpRequestException("down"));
        var composer = new DigestComposer(new ExtractiveSummarizer(), Options.Create(new DigestOptions()), writer.Object);
        var stories = composer.BuildStories([Article(1, "Old news about compilers", "https://a.example/1", "Feed A")], Now);

        var parts = await composer.RenderAsync(stories, new DigestHeading(Now), CancellationToken.None);

        Assert.Equal(composer.Render(stories, new DigestHeading(Now))[0].Text, Assert.Single(parts).Text);
    }

    [Fact]
    public async Task RenderAsync_OverviewWriterReturnsNull_DigestUnchanged()
    {
        var writer = new Mock<IDigestOverviewWriter>();
        writer.Setup(w => w.WriteOverviewAsync(It.IsAny<IReadOnlyList<ReplyItem>>(), It.IsAny<CancellationToken>())).ReturnsAsync((string?)null);
        var composer = new DigestComposer(new ExtractiveSummarizer(), Options.Create(new DigestOptions()), writer.Object);
        var stories = composer.BuildStories([Article(1, "Old news about compilers", "https://a.example/1", "Feed A")], Now);

        var parts = await composer.RenderAsync(stories, new DigestHeading(Now), CancellationToken.None);

        Assert.Equal(composer.Render(stories, new DigestHeading(Now))[0].Text, Assert.Single(parts).Text);
    }

    [Fact]
    public async Task RenderAsync_NoOverviewWriter_SameAsRender()
    {
        var stories = _composer.BuildStories([Article(1, "Old news about compilers", "https://a.example/1", "Feed A")], Now);

        var parts = await _composer.RenderAsync(stories, new DigestHeading(Now), CancellationToken.None);

        Assert.Equal(_composer.Render(stories, new DigestHeading(Now))[0].Text, Assert.Single(parts).Text);
    }

    private static string Word(int i) => string.Concat("zq", (char)('a' + (i / 26 % 26)), (char)('a' + (i % 26)), "x");

    private static DigestArticle Article(long id, string title, string url, string source, DateTimeOffset? at = null) =>
        new(id, title, url,
            $"{title}. The first sentence tells what happened with {title.ToLowerInvariant()} this week. The second sentence says why it matters for people who follow {source}. A third sentence adds colour.",
            at ?? Now.AddHours(-2), at ?? Now.AddHours(-3), source, "hash" + id);
}
