using ChatBot.Core.Chat;
using ChatBot.Core.Model;
using ChatBot.Worker.ConsolePlatform;
using Spectre.Console;

namespace ChatBot.Tests.Worker.ConsolePlatform;

public sealed class ConsoleReplyRendererTests
{
    private static readonly ChatReply Reply = new(ReplyKind.Answer, "Use `add <url>` to index **one** page [1].")
    {
        Title = "Answer [draft]",
        Items = [new ReplyItem("#1 Bees", "https://example.invalid/bees", "Honey**bees** dance")],
        Citations = [new Citation(1, 1, "Bees", "bees.txt", null, "They dance.", 0.9)],
        Note = "Written from `seeds/`.",
    };

    [Fact]
    public void Render_Plain_HasNoMarkdownMarks()
    {
        var text = ConsoleReplyRenderer.Render(Reply);

        Assert.Contains("Use add <url> to index one page [1].", text, StringComparison.Ordinal);
        Assert.Contains("    Honeybees dance", text, StringComparison.Ordinal);
        Assert.Contains("Note: Written from seeds/.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("`", text, StringComparison.Ordinal);
        Assert.DoesNotContain("**", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ToRenderable_OnAnAnsiTerminal_StylesInsteadOfMarks_AndKeepsBrackets()
    {
        var output = new StringWriter();
        var terminal = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.Standard,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });

        terminal.Write(ConsoleReplyRenderer.ToRenderable(Reply));
        var written = output.ToString();

        Assert.Contains("\u001b[1m", written, StringComparison.Ordinal);
        Assert.Contains("Answer [draft]", written, StringComparison.Ordinal);
        Assert.Contains("[1] Bees — bees.txt", written, StringComparison.Ordinal);
        Assert.DoesNotContain("`", written, StringComparison.Ordinal);
        Assert.DoesNotContain("**", written, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a `b` c", "a [cyan]b[/] c")]
    [InlineData("**bold** and *it*", "[bold]bold[/] and [italic]it[/]")]
    [InlineData("[not markup] 2 * 3 * 4", "[[not markup]] 2 * 3 * 4")]
    public void ToMarkup_ConvertsMarksAndEscapes(string markdown, string markup) =>
        Assert.Equal(markup, ConsoleMarkdown.ToMarkup(markdown));
}
