namespace ChatBot.Core.Chat;

/// <summary>
/// Parses a line typed in chat or at the console ("/ask why?", "summarize 3 short", plain text)
/// into a command and its argument. Plain text without a leading slash is a question.
/// </summary>
public static class ChatCommandParser
{
    public static (ChatCommand Command, string Argument) Parse(string? line)
    {
        var text = (line ?? string.Empty).Trim();
        if (text.Length == 0)
        {
            return (ChatCommand.Ask, string.Empty);
        }

        if (text[0] != '/')
        {
            return (ChatCommand.Ask, text);
        }

        var space = text.IndexOfAny([' ', '\t']);
        var name = space < 0 ? text : text[..space];
        var argument = space < 0 ? string.Empty : text[(space + 1)..].Trim();
        return ChatCommands.TryParseName(name, out var command)
            ? (command, argument)
            : (ChatCommand.Unknown, name);
    }
}
