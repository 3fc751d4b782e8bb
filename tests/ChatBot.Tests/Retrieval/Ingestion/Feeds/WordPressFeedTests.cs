using static ChatBot.Tests.Retrieval.Ingestion.Feeds.FeedCorpus;

namespace ChatBot.Tests.Retrieval.Ingestion.Feeds;

/// <summary>A WordPress feed as WordPress 6 writes it: content:encoded in CDATA, entities, block comments, the closing "The post … appeared first on …".</summary>
public sealed class WordPressFeedTests
{
    [Fact]
    public void Parse_WordPressFeed_ItemTextEndsWithTheArticleNotTheAppearedFirstOnLine()
    {
        var feed = Read("wordpress-rss-2.0.xml");

        Assert.Equal(2, feed.Items.Count);
        var garlic = feed.Items[0];
        Assert.Equal("When to plant garlic (and why November isn’t too late)", garlic.Title);
        Assert.Equal("Ruth Abernethy", garlic.Author);
        Assert.StartsWith("Garlic needs a cold spell of at least six weeks below 10 °C", garlic.Content, StringComparison.Ordinal);
        Assert.EndsWith("Harvest when the lower third of the leaves have turned yellow, usually in early July.", garlic.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("appeared first on", garlic.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("wp:image", garlic.Content, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TeaserFollowedByTheAppearedFirstOnLine_IsStillATeaser()
    {
        var words = string.Join(' ', Enumerable.Repeat("Garlic needs a long cold spell before it splits into cloves.", 30));
        var xml = $"""
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>G</title>
            <item><title>Garlic</title><link>https://g.example/garlic</link>
            <content:encoded><![CDATA[<p>{words} […]</p><p>The post <a href="https://g.example/garlic">Garlic</a> appeared first on <a href="https://g.example">Garden Notes</a>.</p>]]></content:encoded>
            </item></channel></rss>
            """;

        var item = Assert.Single(ChatBot.Retrieval.Ingestion.Feeds.FeedParser.Parse(System.Text.Encoding.UTF8.GetBytes(xml), FeedUrl).Items);

        Assert.EndsWith("[…]", item.Content, StringComparison.Ordinal);
        Assert.False(item.IsFullArticle);
    }
}
