using System.Text;
using ChatBot.Core.Retrieval;
using ChatBot.Retrieval.Ingestion.Feeds;

namespace ChatBot.Tests.Retrieval.Ingestion.Feeds;

public sealed class FeedParserTests
{
    private static readonly Uri FeedUrl = new("https://example.org/feed");

    [Fact]
    public void Parse_RssWithRelativeLinkAndNoGuid_KeysByAbsoluteLink()
    {
        var xml = """<rss version="2.0"><channel><title>T</title><link>https://example.org/</link><description>d</description><item><title>One</title><link>/posts/1</link><description>Body</description></item></channel></rss>""";

        var feed = FeedParser.Parse(Encoding.UTF8.GetBytes(xml), FeedUrl);

        Assert.Equal("T", feed.Title);
        var item = Assert.Single(feed.Items);
        Assert.Equal("https://example.org/posts/1", item.Key);
        Assert.Equal("Body", item.Content);
    }

    [Fact]
    public void Parse_ExternalEntity_IsNeverResolved()
    {
        var xml = """<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><title>&x;</title></channel></rss>""";

        Assert.Equal("&x;", FeedParser.Parse(Encoding.UTF8.GetBytes(xml), FeedUrl).Title);
    }

    [Fact]
    public void Parse_HtmlPage_IsRefused() =>
        Assert.Throws<IngestionException>(() => FeedParser.Parse(Encoding.UTF8.GetBytes("<html><body>hi</body></html>"), FeedUrl));

    [Theory]
    [InlineData("<rss version=\"2.0\"><channel/></rss>", true)]
    [InlineData("<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"/>", true)]
    [InlineData("<html><body/></html>", false)]
    [InlineData("not xml at all", false)]
    public void LooksLikeFeed_ByRootElement(string body, bool expected) =>
        Assert.Equal(expected, FeedParser.LooksLikeFeed(Encoding.UTF8.GetBytes(body)));

    [Fact]
    public void ToPlainText_StripsTagsAndDecodesEntities() =>
        Assert.Equal("Waves & tides.", FeedParser.ToPlainText("<p>Waves &amp; <b>tides</b>.</p>").Replace(" .", ".", StringComparison.Ordinal));
}
