using ChatBot.Slack.Rendering;

namespace ChatBot.Tests.Slack.Rendering;

public sealed class SlackTextTests
{
    [Fact]
    public void Escape_ControlCharacters_AmpersandFirst()
    {
        Assert.Equal("a &amp;lt; b &lt;!channel&gt; &amp; c", SlackText.Escape("a &lt; b <!channel> & c"));
    }

    [Fact]
    public void ToMrkdwn_DoubleStarBold_BecomesSingleStar()
    {
        Assert.Equal("*Answer*: yes", SlackText.ToMrkdwn("**Answer**: yes"));
    }

    [Fact]
    public void FromSlack_BotMentionStripped_TokensMadePlain_EntitiesDecoded()
    {
        var text = SlackText.FromSlack("<@U0BOT> ask <@U123|bob> about <!here> in <#C1|general> &amp; <https://x.example/a|this> &lt;3", "U0BOT");

        Assert.Equal("ask @bob about @here in #general & https://x.example/a <3", text);
    }

    [Fact]
    public void Link_NonHttpUrl_LabelOnly()
    {
        Assert.Equal("a&lt;b", SlackText.Link("javascript:alert(1)", "a<b"));
        Assert.Equal("<https://example.invalid/x|a¦b>", SlackText.Link("https://example.invalid/x", "a|b"));
    }

    [Fact]
    public void Split_LongText_PiecesWithinLimitAtWordBreaks()
    {
        var text = string.Join(' ', Enumerable.Repeat("word", 2000));

        var pieces = SlackText.Split(text, 3000);

        Assert.All(pieces, p => Assert.InRange(p.Length, 1, 3000));
        Assert.Equal(text.Replace(" ", string.Empty, StringComparison.Ordinal), string.Concat(pieces).Replace(" ", string.Empty, StringComparison.Ordinal));
        Assert.All(pieces, p => Assert.EndsWith("word", p, StringComparison.Ordinal));
    }
}
