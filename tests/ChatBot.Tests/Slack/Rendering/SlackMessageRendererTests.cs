using System.Text.Json.Nodes;
using ChatBot.Core.Chat;
using ChatBot.Core.Model;
using ChatBot.Slack.Rendering;

namespace ChatBot.Tests.Slack.Rendering;

public sealed class SlackMessageRendererTests
{
    private static IEnumerable<JsonObject> Blocks(JsonObject message) => message["blocks"]!.AsArray().Select(b => b!.AsObject());

    private static IEnumerable<string> Texts(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key == "text" && p.Value is JsonValue v ? [v.GetValue<string>()] : Texts(p.Value)),
        JsonArray a => a.SelectMany(Texts),
        _ => [],
    };

    [Fact]
    public void Partial_TextWithChannelPing_EscapedInOneSectionWithoutButtons()
    {
        var message = SlackMessageRenderer.Partial("So far <!channel> & **more**");

        var block = Assert.Single(message["blocks"]!.AsArray())!;
        Assert.Equal("section", (string?)block["type"]);
        Assert.Equal("So far &lt;!channel&gt; &amp; *more* …", (string?)block["text"]!["text"]);
        Assert.Equal("So far &lt;!channel&gt; &amp; more …", (string?)message["text"]);
    }

    [Fact]
    public void Render_Answer_SectionSourcesContextAndButtons()
    {
        var reply = new ChatReply(ReplyKind.Answer, "**R1** is strong [1].")
        {
            Citations = [new Citation(1, 42, "LeCun on R1", "seed:a", "https://example.invalid/a", "q", 1), new Citation(2, 43, "No link", "seed:b", null, "q", 1)],
            Actions = [new ReplyAction("sources", "Sources"), new ReplyAction("summarize:42", "Summarize source 1"), new ReplyAction("feedback:up", "👍")],
        };

        var message = Assert.Single(SlackMessageRenderer.Render(reply));

        var blocks = Blocks(message).ToList();
        Assert.Equal("*R1* is strong [1].", (string?)blocks[0]["text"]!["text"]);
        var context = blocks.Single(b => (string?)b["type"] == "context");
        Assert.Equal(["[1] <https://example.invalid/a|LeCun on R1>", "[2] No link"], Texts(context));
        var buttons = blocks.Single(b => (string?)b["type"] == "actions")["elements"]!.AsArray();
        Assert.Equal(["summarize:42", "feedback:up"], buttons.Select(b => (string?)b!["action_id"]));
        Assert.False(string.IsNullOrEmpty((string?)message["text"]));
    }

    [Fact]
    public void Render_VeryLongAnswer_SplitWithinSlackLimits()
    {
        var paragraph = string.Join(' ', Enumerable.Repeat("lorem ipsum dolor", 120));
        var reply = new ChatReply(ReplyKind.Answer, string.Join("\n\n", Enumerable.Repeat(paragraph, 60)))
        {
            Items = Enumerable.Range(1, 80).Select(i => new ReplyItem($"Item {i}", null, "text")).ToList(),
        };

        var messages = SlackMessageRenderer.Render(reply);

        Assert.True(messages.Count > 1);
        Assert.All(messages, m =>
        {
            Assert.InRange(m["blocks"]!.AsArray().Count, 1, SlackMessageRenderer.MaxBlocksPerMessage);
            Assert.All(Blocks(m).Where(b => (string?)b["type"] == "section"), b => Assert.InRange(((string?)b["text"]!["text"])!.Length, 1, SlackMessageRenderer.MaxSectionText));
            Assert.InRange(((string?)m["text"])!.Length, 1, SlackMessageRenderer.MaxFallbackText);
        });
    }

    [Fact]
    public void Render_SpecialMentionsInTextTitleItemsAndNote_NeverRaw()
    {
        var reply = new ChatReply(ReplyKind.SearchResults, "hi <!channel> <!here|here> <@U1>")
        {
            Title = "<!everyone>",
            Items = [new ReplyItem("<!here>", "https://example.invalid/<!channel>", "<!everyone>")],
            Note = "<!channel>",
        };

        var all = string.Concat(SlackMessageRenderer.Render(reply).SelectMany(m => Texts(m)));

        Assert.DoesNotContain("<!", all, StringComparison.Ordinal);
        Assert.DoesNotContain("<@", all, StringComparison.Ordinal);
    }
}
