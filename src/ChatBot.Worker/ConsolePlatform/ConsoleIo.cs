using Spectre.Console;

namespace ChatBot.Worker.ConsolePlatform;

/// <summary>The console's input, output and diagnostics (log lines) writers, injectable so tests can type and read.</summary>
public sealed class ConsoleIo(TextReader input, TextWriter output, TextWriter? diagnostics = null, IAnsiConsole? terminal = null)
{
    public TextReader Input { get; } = input;

    public TextWriter Output { get; } = output;

    /// <summary>Where log lines go (standard error by default).</summary>
    public TextWriter Diagnostics { get; } = diagnostics ?? Console.Error;

    /// <summary>Set when a person sits at a terminal: replies get colours and a spinner. Null when redirected (plain text).</summary>
    public IAnsiConsole? Terminal { get; } = terminal;

    public static ConsoleIo Standard() => new(
        Console.In,
        Console.Out,
        Console.Error,
        !Console.IsInputRedirected && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive ? AnsiConsole.Console : null);
}
