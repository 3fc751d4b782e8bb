namespace ChatBot.Worker.ConsolePlatform;

/// <summary>The console's input and output, injectable so tests can type and read.</summary>
public sealed class ConsoleIo(TextReader input, TextWriter output)
{
    public TextReader Input { get; } = input;

    public TextWriter Output { get; } = output;

    public static ConsoleIo Standard() => new(Console.In, Console.Out);
}
