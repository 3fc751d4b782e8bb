using ChatBot.Core.Retrieval;
using ChatBot.Retrieval.Ingestion;
using ChatBot.Retrieval.Ingestion.Web;

namespace ChatBot.Tests.Retrieval.Ingestion.Web;

public sealed class HtmlNestingTests
{
    [Fact]
    public void Depth_OrdinaryPage_CountsContainersOnly()
    {
        const string html = "<html><body><article><div><p>one<p>two<br><img src=x><span>s</span></div></article></body></html>";

        Assert.Equal(3, HtmlNesting.Depth(html));
    }

    [Fact]
    public void Depth_HostileNesting_StopsPastTheLimit()
    {
        var html = string.Concat(Enumerable.Repeat("<div>", 100_000));

        Assert.Equal(HtmlNesting.MaxDepth + 1, HtmlNesting.Depth(html));
    }

    [Fact]
    public void Extract_DeeplyNestedPage_RefusedWithAClearError()
    {
        var html = "<html><body>" + string.Concat(Enumerable.Repeat("<div>", 5_000)) + "<p>deep</p>" + string.Concat(Enumerable.Repeat("</div>", 5_000)) + "</body></html>";

        var error = Assert.Throws<IngestionException>(() => HtmlArticleExtractor.Extract(html, "file:///deep.html", "deep.html", "deep"));
        Assert.Contains("levels deep", error.Message, StringComparison.Ordinal);
    }
}
