using System.Text.Json.Nodes;
using ChatBot.Core.Chat;
using ChatBot.Core.Model;
using ChatBot.Discord.Rendering;

namespace ChatBot.Tests.Discord.Rendering;

public sealed class DiscordMessageRendererTests
{
    private static int EmbedTotal(JsonObject message)
    {
        var embed = message["embeds"]![0]!;
        var total = (embed["title"]?.GetValue<string>().Length ?? 0) + (embed["description"]?.GetValue<string>().Length ?? 0)
            + (embed["footer"]?["text"]?.GetValue<string>().Length ?? 0);
        foreach (var field in embed["fields"]?.AsArray() ?? [])
        {
            total += field!["name"]!.GetValue<string>().Length + field["value"]!.GetValue<string>().Length;
        }

        return total;
    }

    [Fact]
    public void Partial_TextWithEveryone_DescriptionOnlyNoButtonsNoMentions()
    {
        var message = DiscordMessageRenderer.Partial("Hello @everyone, so far [1]");

        var embed = Assert.Single(message["embeds"]!.AsArray())!;
        Assert.Equal("Hello @\u200beveryone, so far [1] …", (string?)embed["description"]);
        Assert.Null(embed["fields"]);
        Assert.Empty(message["components"]!.AsArray());
        Assert.Empty(message["allowed_mentions"]!["parse"]!.AsArray());
    }

    [Fact]
    public void Render_HugeReplyWithManyItemsAndCitations_StaysWithinEveryLimit()
    {
        var reply = new ChatReply(ReplyKind.SearchResults, new string('x', 9000))
        {
            Title = new string('t', 400),
            Items = Enumerable.Range(0, 60).Select(i => new ReplyItem($"Item {i}", "https://example.invalid/" + i, new string('y', 1500))).ToList(),
            Citations = Enumerable.Range(1, 40).Select(i => new Citation(i, i, $"Title {i}", "s", "https://example.invalid/c" + i, "q", 1)).ToList(),
            Actions = Enumerable.Range(0, 40).Select(i => new ReplyAction("a" + i, new string('l', 120))).ToList(),
            Note = "note",
        };

        var messages = DiscordMessageRenderer.Render(reply);

        Assert.True(messages.Count > 3);
        foreach (var message in messages)
        {
            Assert.Empty(message["allowed_mentions"]!["parse"]!.AsArray());
            var embed = message["embeds"]![0]!;
            Assert.InRange(embed["title"]?.GetValue<string>().Length ?? 0, 0, DiscordLimits.EmbedTitle);
            Assert.InRange(embed["description"]?.GetValue<string>().Length ?? 0, 0, DiscordLimits.EmbedDescription);
            Assert.InRange(embed["fields"]?.AsArray().Count ?? 0, 0, DiscordLimits.EmbedFields);
            Assert.All(embed["fields"]?.AsArray() ?? [], f => Assert.InRange(f!["value"]!.GetValue<string>().Length, 1, DiscordLimits.FieldValue));
            Assert.InRange(EmbedTotal(message), 1, DiscordLimits.EmbedTotal);
        }

        var rows = messages[^1]["components"]!.AsArray();
        Assert.Equal(DiscordLimits.ActionRows, rows.Count);
        Assert.All(rows, r => Assert.InRange(r!["components"]!.AsArray().Count, 1, DiscordLimits.ButtonsPerRow));
        Assert.All(rows.SelectMany(r => r!["components"]!.AsArray()), b => Assert.InRange(b!["label"]!.GetValue<string>().Length, 1, DiscordLimits.ButtonLabel));
    }

    [Fact]
    public void Render_Refusal_IsPlainContentWithoutPings()
    {
        var messages = DiscordMessageRenderer.Render(ChatReply.Refusal("No @everyone and no @here for " + new string('z', 3000)));

        Assert.Equal(2, messages.Count);
        Assert.All(messages, m => Assert.InRange(m["content"]!.GetValue<string>().Length, 1, DiscordLimits.Content));
        Assert.DoesNotContain("@everyone", messages[0]["content"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("@here", messages[0]["content"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_CitationWithoutUrl_IsNumberedTextAndLinkedTitleEscapesBrackets()
    {
        var reply = new ChatReply(ReplyKind.Answer, "a [1] [2]")
        {
            Citations = [new Citation(1, 1, "Plain [title]", "s", null, "q", 1), new Citation(2, 2, "Linked", "s", "https://example.invalid/a b", "q", 1)],
        };

        var value = DiscordMessageRenderer.Render(reply)[0]["embeds"]![0]!["fields"]![0]!["value"]!.GetValue<string>();

        Assert.Equal("`[1]` Plain (title)\n`[2]` [Linked](https://example.invalid/a%20b)", value);
    }

    [Fact]
    public void Split_PrefersSentenceBreaksAndKeepsAllText()
    {
        var text = string.Concat(Enumerable.Repeat("This is a sentence. ", 30));

        var pieces = TextSplitter.Split(text, 100);

        Assert.All(pieces, p => Assert.InRange(p.Length, 1, 100));
        Assert.All(pieces, p => Assert.EndsWith(".", p, StringComparison.Ordinal));
        Assert.Equal(text.Trim(), string.Join(' ', pieces));
    }
}
