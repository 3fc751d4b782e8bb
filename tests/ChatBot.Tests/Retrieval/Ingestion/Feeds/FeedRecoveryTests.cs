using System.Text;
using ChatBot.Core.Retrieval;
using ChatBot.Retrieval.Ingestion.Feeds;
using static ChatBot.Tests.Retrieval.Ingestion.Feeds.FeedCorpus;

namespace ChatBot.Tests.Retrieval.Ingestion.Feeds;

/// <summary>Encodings, ill-formed feeds, clear errors, title fallbacks and sloppy dates, from the corpus files.</summary>
public sealed class FeedRecoveryTests
{
    private static readonly string[] KeptTitles = ["First intact", "Second"];

    [Theory]
    [InlineData("enc-iso-8859-1.xml", null, "Latin", "Crème brûlée", "Le café de la gare à Zürich.")]
    [InlineData("enc-iso-8859-7.xml", null, "Ελληνικά", "Καλημέρα κόσμε", "Η θάλασσα είναι ήρεμη σήμερα.")]
    [InlineData("enc-euc-kr.xml", null, "한국어 뉴스", "조수 발전소", "바다의 힘으로 전기를 만든다.")]
    [InlineData("enc-http-charset-1251.xml", "windows-1251", "Новости", "Приливная энергия", "Море даёт энергию.")]
    [InlineData("enc-bom-utf8.xml", null, "BOM", "Ünïcödé", "The byte-order mark wins: ß.")]
    [InlineData("enc-bom-utf8.xml", "iso-8859-7", "BOM", "Ünïcödé", "The byte-order mark wins: ß.")]
    [InlineData("enc-utf16.xml", null, "Sixteen", "Wide text", "Two bytes per character: ç.")]
    public void Parse_Encoding_TrustsBomThenHttpCharsetThenDeclaration(string file, string? charset, string title, string itemTitle, string text)
    {
        var feed = Read(file, charset);

        Assert.Equal(title, feed.Title);
        var item = Assert.Single(feed.Items);
        Assert.Equal((itemTitle, text), (item.Title, item.Content));
        Assert.Equal("https://enc.example/1", item.Link!.AbsoluteUri);
        Assert.Empty(feed.Warnings);
    }

    [Fact]
    public void Parse_WrongDeclaration_FallsBackWithAWarning()
    {
        var feed = Read("enc-wrong-declaration.xml");

        var item = Assert.Single(feed.Items);
        Assert.Equal(("Naïve café", "Smart “quotes” cost 5 €."), (item.Title, item.Content));
        Assert.Contains("encoding utf-8 (the XML declaration) could not be read", feed.Warning, StringComparison.Ordinal);
        Assert.Contains("read as windows-1252", feed.Warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownHttpCharset_FallsBackToTheDeclaration()
    {
        var feed = Read("enc-iso-8859-7.xml", "x-made-up");

        Assert.Equal("Καλημέρα κόσμε", Assert.Single(feed.Items).Title);
        Assert.Contains("encoding x-made-up (the HTTP charset) is unknown", feed.Warning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bad-unescaped-ampersand.xml", "Salt & pepper", "Fish & chips & peas.")]
    [InlineData("bad-undefined-entity.xml", "Café society", "An &bogus; entity and a © sign.")]
    [InlineData("bad-control-chars.xml", "Bell and tab", "Formfeed text.")]
    public void Parse_MendableDamage_KeepsEveryItemAndWarns(string file, string title, string text)
    {
        var feed = Read(file);

        Assert.Equal(["First intact", title, "Third"], feed.Items.Select(i => i.Title));
        Assert.Equal(text, feed.Items[1].Content);
        Assert.Equal("https://enc.example/3", feed.Items[2].Link!.AbsoluteUri);
        Assert.Contains("mended", feed.Warning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bad-truncated.xml", 2)]
    [InlineData("bad-unclosed-tag.xml", 1)]
    public void Parse_UnmendableDamage_KeepsTheItemsBeforeItAndWarns(string file, int kept)
    {
        var feed = Read(file);

        Assert.Equal(KeptTitles[..kept], feed.Items.Select(i => i.Title));
        Assert.Equal("Before the damage.", feed.Items[0].Content);
        Assert.Contains($"not well-formed XML after entry {kept}", feed.Warning, StringComparison.Ordinal);
        Assert.Contains("the entries before it were kept", feed.Warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_StrayLessThan_IsReadAsText()
    {
        var item = Assert.Single(Read("bad-stray-less-than.xml").Items);

        Assert.Equal(("1 < 2", "When a < b the feed is not XML."), (item.Title, item.Content));
    }

    [Theory]
    [InlineData("err-rss-no-channel.xml", "feed has no channel")]
    [InlineData("err-html-page.xml", "not a feed (root element <html>)")]
    [InlineData("err-json-not-feed.json", "not a feed (JSON without a jsonfeed.org version)")]
    [InlineData("err-not-xml.xml", "not a feed: not well-formed XML")]
    public void Parse_NotAFeed_NamesTheCause(string file, string message)
    {
        var ex = Assert.Throws<IngestionException>(() => Read(file));

        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ItemsWithoutTitles_FallBackToSentenceSegmentAndFeedNeverAHash()
    {
        var feed = Read("titles-fallbacks.xml");

        Assert.Equal(
            ["The first sentence becomes the title.", "solar roof tiles", "Untitled item from Untitled Things", "No guid, no link, no title: keyed by a hash, titled by its text."],
            feed.Items.Select(i => i.Title));
        Assert.Equal(["t1", "t2", "t3"], feed.Items.Take(3).Select(i => i.Key));
        Assert.Equal(64, feed.Items[3].Key.Length); // the key may be a hash; the title never is
    }

    [Fact]
    public void Parse_SloppyDates_AreReadOrLeftNull()
    {
        var dates = Read("dates-sloppy.xml").Items.Select(i => i.PublishedAt).ToList();

        var tenUtc = Utc(2025, 1, 6, 10);
        Assert.Equal([tenUtc, tenUtc, tenUtc, tenUtc, tenUtc, tenUtc, Utc(2025, 1, 6)], dates.Take(7));
        Assert.Equal(tenUtc.AddMilliseconds(123), dates[7]);
        Assert.Null(dates[8]);
    }

    [Fact]
    public void Parse_Doctype_IsIgnoredAndItsEntitiesNeverExpanded()
    {
        const string Xml = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;"><!ENTITY x SYSTEM "file:///etc/passwd">]>
            <rss version="2.0"><channel><title>&lol2;&x;</title><item><title>Kept</title><link>https://x.example/1</link></item></channel></rss>
            """;

        var feed = FeedParser.Parse(Encoding.UTF8.GetBytes(Xml), FeedUrl);

        Assert.Equal("&lol2;&x;", feed.Title);
        Assert.Equal("Kept", Assert.Single(feed.Items).Title);
    }

    [Theory]
    [InlineData("text/rss+xml", true)]
    [InlineData("application/x-rss+xml", true)]
    [InlineData("application/feed+json", true)]
    [InlineData("text/atom+xml", true)]
    [InlineData("text/html", false)]
    public void IsFeedMediaType_KnowsTheVariantsServersSend(string mediaType, bool expected) =>
        Assert.Equal(expected, FeedParser.IsFeedMediaType(mediaType));

    [Fact]
    public void LooksLikeFeed_EveryCorpusFeedButTheNonFeeds()
    {
        var looks = Names().ToDictionary(n => n, n => FeedParser.LooksLikeFeed(Bytes(n)));

        Assert.Equal(["err-html-page.xml", "err-json-not-feed.json", "err-not-xml.xml"], looks.Where(l => !l.Value).Select(l => l.Key));
    }
}
