using System.Text.RegularExpressions;
using Spectre.Console;

namespace ChatBot.Worker.ConsolePlatform;

/// <summary>
/// The little Markdown replies carry (**bold**, *italic*, `code`): shown as styles on a terminal (Spectre.Console
/// markup), and without the marks in plain text, so nobody reads raw backticks.
/// </summary>
public static partial class ConsoleMarkdown
{
    public static string ToPlain(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Italic().Replace(Bold().Replace(Code().Replace(text, "$1"), "$1"), "$1");
    }

    public static string ToMarkup(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var escaped = Markup.Escape(text);
        escaped = Code().Replace(escaped, "[cyan]$1[/]");
        escaped = Bold().Replace(escaped, "[bold]$1[/]");
        return Italic().Replace(escaped, "[italic]$1[/]");
    }

    [GeneratedRegex(@"`([^`\n]+)`")]
    private static partial Regex Code();

    [GeneratedRegex(@"\*\*([^*\n]+)\*\*")]
    private static partial Regex Bold();

    [GeneratedRegex(@"(?<![\w*])\*([^*\s][^*\n]*?)\*(?![\w*])")]
    private static partial Regex Italic();
}
