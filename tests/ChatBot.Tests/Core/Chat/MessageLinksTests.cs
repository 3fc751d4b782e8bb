using ChatBot.Core.Chat;

namespace ChatBot.Tests.Core.Chat;

public class MessageLinksTests
{
    [Theory]
    [InlineData("Read https://example.test/a.", "https://example.test/a")]
    [InlineData("Read <https://example.test/a> please", "https://example.test/a")]
    [InlineData("(see https://example.test/a?x=1&y=2)", "https://example.test/a?x=1&y=2")]
    [InlineData("**https://example.test/b**", "https://example.test/b")]
    [InlineData("<https://example.test/c|the article>", "https://example.test/c")]
    public void Find_TakesTheLinkWithoutItsWrapping(string text, string expected) =>
        Assert.Equal(expected, Assert.Single(MessageLinks.Find(text)).AbsoluteUri);

    [Fact]
    public void Find_EachLinkOnce_InOrder_AtMostTheLimit()
    {
        var links = MessageLinks.Find("https://e.test/1 https://e.test/2 https://e.test/1 https://e.test/3 https://e.test/4");

        Assert.Equal(["https://e.test/1", "https://e.test/2", "https://e.test/3"], links.Select(l => l.AbsoluteUri));
    }

    [Theory]
    [InlineData("no links here")]
    [InlineData("ftp://example.test/file and file:///etc/passwd")]
    [InlineData("")]
    [InlineData(null)]
    public void Find_NothingWithoutAWebLink(string? text) => Assert.Empty(MessageLinks.Find(text));
}
