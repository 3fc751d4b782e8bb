using ChatBot.Core.Chat;
using Spectre.Console;

namespace ChatBot.Worker.ConsolePlatform;

/// <summary>How the console shows things: colours and a spinner on a terminal, plain lines when redirected.</summary>
public static class ConsoleReplyWriter
{
    public static async Task WriteAsync(ConsoleIo io, ChatReply reply)
    {
        ArgumentNullException.ThrowIfNull(io);
        if (io.Terminal is { } terminal)
        {
            terminal.Write(ConsoleReplyRenderer.ToRenderable(reply));
            terminal.WriteLine();
        }
        else
        {
            await io.Output.WriteLineAsync(ConsoleReplyRenderer.Render(reply));
        }
    }

    /// <summary>The prompt: a coloured "&gt; " on a terminal.</summary>
    public static async Task PromptAsync(ConsoleIo io, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(io);
        if (io.Terminal is { } terminal)
        {
            terminal.Markup("[bold green]>[/] ");
            return;
        }

        await io.Output.WriteAsync("> ");
        await io.Output.FlushAsync(cancellationToken);
    }

    /// <summary>Runs <paramref name="work"/> under a "Thinking…" spinner on a terminal; plainly otherwise.</summary>
    public static Task<T> WithSpinnerAsync<T>(ConsoleIo io, Func<Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(io);
        ArgumentNullException.ThrowIfNull(work);
        return io.Terminal is { } terminal
            ? terminal.Status().Spinner(Spinner.Known.Dots).SpinnerStyle(new Style(Color.Green)).StartAsync("Thinking…", _ => work())
            : work();
    }
}
