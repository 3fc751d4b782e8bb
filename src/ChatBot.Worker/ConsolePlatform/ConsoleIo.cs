namespace ChatBot.Worker.ConsolePlatform;

/// <summary>The console's input, output and diagnostics (log lines) writers, injectable so tests can type and read.</summary>
public sealed class ConsoleIo(TextReader input, TextWriter output, TextWriter? diagnostics = null)
{
    public TextReader Input { get; } = input;

    public TextWriter Output { get; } = output;

    /// <summary>Where log lines go (standard error by default).</summary>
    public TextWriter Diagnostics { get; } = diagnostics ?? Console.Error;

    public static ConsoleIo Standard() => new(Console.In, Console.Out, Console.Error);
}
