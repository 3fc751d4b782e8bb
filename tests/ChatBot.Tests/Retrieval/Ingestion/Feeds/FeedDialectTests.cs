using static ChatBot.Tests.Retrieval.Ingestion.Feeds.FeedCorpus;

namespace ChatBot.Tests.Retrieval.Ingestion.Feeds;

/// <summary>One corpus file per dialect (RSS 0.90–2.0, RDF, Atom 0.3/1.0, JSON Feed), each read to its items, titles, links, dates and text.</summary>
public sealed class FeedDialectTests
{
    [Theory]
    [InlineData("rss-0.92.xml", "RSS 0.92")]
    [InlineData("rss-0.93.xml", "RSS 0.93")]
    [InlineData("rss-0.94.xml", "RSS 0.94")]
    public void Parse_Rss09x_ReadsItems(string file, string dialect)
    {
        var feed = Read(file);

        Assert.Equal(dialect, feed.Dialect);
        Assert.Equal(dialect.Replace("RSS", "Harbour Notes", StringComparison.Ordinal), feed.Title);
        Assert.Equal(["Ferry timetable changes", "Lighthouse open day"], feed.Items.Select(i => i.Title));
        Assert.Equal(new Uri("https://harbour.example/ferry"), feed.Items[0].Link);
        Assert.Equal(Utc(2024, 11, 5, 8, 30), feed.Items[0].PublishedAt);
        Assert.Equal(Utc(2024, 11, 6, 8, 0), feed.Items[1].PublishedAt);
        Assert.Equal("The winter ferry runs every two hours from November.", feed.Items[0].Content);
        Assert.Empty(feed.Warnings);
    }

    [Fact]
    public void Parse_RssWithoutVersion_ReadsItems()
    {
        var feed = Read("rss-no-version.xml");

        Assert.Equal("RSS (no version)", feed.Dialect);
        var item = Assert.Single(feed.Items);
        Assert.Equal(("No version at all", "https://plain.example/a"), (item.Title, item.Link!.AbsoluteUri));
        Assert.Equal(Utc(2025, 1, 2, 10), item.PublishedAt);
        Assert.Equal("Plenty of feeds omit the version attribute.", item.Content);
    }

    [Fact]
    public void Parse_Rss091WithDoctypeInWindows1252_IgnoresTheDoctypeAndDecodesTheText()
    {
        var feed = Read("rss-0.91-netscape-1252.xml");

        Assert.Equal("RSS 0.91", feed.Dialect);
        Assert.Equal("Café Chronicle", feed.Title);
        Assert.Equal(["“Smart” quotes & the € price", "Opening hours"], feed.Items.Select(i => i.Title));
        Assert.Equal("https://cafe.example/news/prices.html", feed.Items[0].Link!.AbsoluteUri);
        Assert.Equal("Coffee now costs 3 € — a café classic.", feed.Items[0].Content);
        Assert.Null(feed.Items[0].PublishedAt);
    }

    [Fact]
    public void Parse_Rss090Rdf_ReadsItemsOutsideTheChannel()
    {
        var feed = Read("rss-0.90-rdf.xml");

        Assert.Equal("RSS 0.90 (RDF)", feed.Dialect);
        Assert.Equal("Mozilla Dot Org", feed.Title);
        Assert.Equal(["New Status Updates", "Bugzilla Reorganized"], feed.Items.Select(i => i.Title));
        Assert.Equal(["http://www.mozilla.org/status/", "http://www.mozilla.org/bugs/"], feed.Items.Select(i => i.Link!.AbsoluteUri));
        Assert.All(feed.Items, i => Assert.Null(i.Content));
    }

    [Fact]
    public void Parse_ArxivRdf_ReadsDublinCoreDatesAndCreators()
    {
        var feed = Read("rss-1.0-arxiv.xml");

        Assert.Equal("RSS 1.0 (RDF)", feed.Dialect);
        Assert.Equal("cs.CL updates on arXiv.org", feed.Title);
        Assert.Equal(2, feed.Items.Count);
        var first = feed.Items[0];
        Assert.Equal("http://arxiv.org/abs/2501.01234", first.Key);
        Assert.Equal("Retrieval Helps Small Models Cite. (arXiv:2501.01234v1 [cs.CL])", first.Title);
        Assert.Equal("http://arxiv.org/abs/2501.01234", first.Link!.AbsoluteUri);
        Assert.Equal(Utc(2025, 1, 8, 1, 30), first.PublishedAt);
        Assert.Equal("Jane Doe, Richard Roe", first.Author);
        Assert.StartsWith("We show that retrieval-augmented small language models cite", first.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("<p>", first.Content, StringComparison.Ordinal);
        Assert.Equal("Ann Smith", feed.Items[1].Author);
    }

    [Fact]
    public void Parse_WordPress_PrefersContentEncodedAndMarksOnlyTheWholeArticle()
    {
        var feed = Read("rss-2.0-wordpress.xml");

        Assert.Equal(("RSS 2.0", "Ocean Energy Blog"), (feed.Dialect, feed.Title));
        var (full, teaser) = (feed.Items[0], feed.Items[1]);
        Assert.Equal("https://blog.example/?p=101", full.Key);
        Assert.Equal("Why tidal power is predictable", full.Title);
        Assert.Equal("https://blog.example/2025/01/06/tidal-power/", full.Link!.AbsoluteUri);
        Assert.Equal(Utc(2025, 1, 6, 10), full.PublishedAt);
        Assert.Equal("Marina Costa", full.Author);
        Assert.StartsWith("Tidal turbines sit on the seabed", full.Content, StringComparison.Ordinal);
        Assert.EndsWith("Unlike wind, the tide & its timing are known decades ahead.", full.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("never text", full.Content, StringComparison.Ordinal);
        Assert.Contains("<p>", full.Html, StringComparison.Ordinal);
        Assert.True(full.IsFullArticle);
        Assert.Equal("Wave farms: a short note", teaser.Title);
        Assert.False(teaser.IsFullArticle); // a one-line content:encoded ending in "Read more" is a teaser
    }

    [Fact]
    public void Parse_Atom03_ReadsPlainEscapedAndBase64Content()
    {
        var feed = Read("atom-0.3.xml");

        Assert.Equal(("Atom 0.3", "Geology Weekly"), (feed.Dialect, feed.Title));
        Assert.Equal(["Plain mode entry", "Escaped mode entry", "Base64 mode entry"], feed.Items.Select(i => i.Title));
        Assert.Equal(["https://geo.example/plain", "https://geo.example/escaped", "https://geo.example/base64"], feed.Items.Select(i => i.Link!.AbsoluteUri));
        Assert.Equal(new DateTimeOffset(2004, 12, 13, 8, 29, 29, TimeSpan.FromHours(-4)), feed.Items[0].PublishedAt);
        Assert.Equal("Ada Stone", feed.Items[0].Author);
        Assert.Equal("Basalt forms when lava cools quickly.", feed.Items[0].Content);
        Assert.Equal("Granite cools slowly deep underground.", feed.Items[1].Content);
        Assert.Equal("Geysers erupt when superheated water flashes to steam.", feed.Items[2].Content);
        Assert.Equal("tag:geo.example,2004:3", feed.Items[2].Key);
    }

    [Fact]
    public void Parse_Atom10_KeepsTextTypesAsTextReadsXhtmlAndResolvesXmlBase()
    {
        var feed = Read("atom-1.0-xhtml-base.xml");

        Assert.Equal(("Atom 1.0", "Web History"), (feed.Dialect, feed.Title));
        var (blink, marquee) = (feed.Items[0], feed.Items[1]);
        Assert.Equal("History of the <blink> tag", blink.Title);
        Assert.Equal("The <blink> tag made text flash on and off.", blink.Content);
        Assert.Equal("https://web.example/blog/posts/blink", blink.Link!.AbsoluteUri);
        Assert.Equal(Utc(2025, 2, 1, 12), blink.PublishedAt);
        Assert.Equal("Lou Montulli", blink.Author);
        Assert.Equal("Marquee considered harmful", marquee.Title);
        Assert.Equal("https://other.example/archive/marquee.html", marquee.Link!.AbsoluteUri);
        Assert.Equal(Utc(2025, 1, 30, 8), marquee.PublishedAt);
        Assert.Equal("The marquee element scrolled text.\n\nBrowsers still support it.", marquee.Content);
    }

    [Fact]
    public void Parse_JsonFeed11_ReadsHtmlAndTextItems()
    {
        var feed = Read("jsonfeed-1.1.json");

        Assert.Equal(("JSON Feed 1.1", "Micro Notes"), (feed.Dialect, feed.Title));
        var (kites, untitled) = (feed.Items[0], feed.Items[1]);
        Assert.Equal(("2", "Kite power"), (kites.Key, kites.Title));
        Assert.Equal("https://micro.example/2025/01/05/kites", kites.Link!.AbsoluteUri);
        Assert.Equal(Utc(2025, 1, 5, 19), kites.PublishedAt);
        Assert.Equal("Kim Lee", kites.Author);
        Assert.Equal("Kites fly figure-eights to pull a generator.", kites.Content);
        Assert.Equal("A note with no title.", untitled.Title);
        Assert.Equal("https://micro.example/2025/01/04/untitled", untitled.Link!.AbsoluteUri);
        Assert.Equal("A note with no title. It still has text <like this>.", untitled.Content);
    }

    [Fact]
    public void Parse_JsonFeed10_ReadsExternalUrlSummaryAndAuthor()
    {
        var item = Assert.Single(Read("jsonfeed-1.0.json").Items);

        Assert.Equal(("7", "Numbered id", "https://old.example/post"), (item.Key, item.Title, item.Link!.AbsoluteUri));
        Assert.Equal(Utc(2019, 6, 1), item.PublishedAt);
        Assert.Equal(("A summary only.", "Sam"), (item.Content, item.Author));
        Assert.False(item.IsFullArticle);
    }

    [Fact]
    public void Parse_NamespacedTextElements_ReadsEachAsTheItemText()
    {
        var feed = Read("rss-2.0-namespaces.xml");

        Assert.Equal(
            ["Text from Dublin Core.", "Text from an XHTML body.", "Text from Media RSS.", "Text from an iTunes summary."],
            feed.Items.Select(i => i.Content));
        Assert.Equal(Utc(2025, 3, 1, 10), feed.Items[0].PublishedAt);
        Assert.Equal(["Dee Cee", null, null, "Pod Caster"], feed.Items.Select(i => i.Author));
        Assert.Equal("https://ext.example/xhtml", feed.Items[1].Link!.AbsoluteUri);
    }
}
