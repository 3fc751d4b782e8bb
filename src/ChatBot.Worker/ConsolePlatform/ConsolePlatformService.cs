using ChatBot.Core.Chat;
using ChatBot.Core.Telemetry;
using ChatBot.Worker.Logging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatBot.Worker.ConsolePlatform;

/// <summary>
/// The console platform: a prompt where a person types the bot's commands as in chat ("/ask …",
/// "/summarize …", plain text = ask) and reads the reply. Runs when no chat platform is configured.
/// End of input (Ctrl+D) or "/quit" stops the bot. The session is one conversation, as a Slack thread is: each
/// question carries the earlier questions and answers (the last <see cref="MaxTurns"/>), so a follow-up ("When did
/// she do it?") is read with its context; "/new" starts a new conversation.
/// </summary>
public sealed class ConsolePlatformService(
    IChatCommandHandler handler,
    ConsoleIo io,
    IHostApplicationLifetime lifetime,
    ILogger<ConsolePlatformService> logger,
    TimeProvider time) : BackgroundService
{
    public const string Platform = "console";

    /// <summary>Turns of the conversation kept and sent with each question.</summary>
    public const int MaxTurns = 8;

    private readonly List<ConversationTurn> _turns = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        WorkerLog.ConsoleMode(logger);
        await StartedAsync(stoppingToken);
        await ConsoleReplyWriter.WriteAsync(io, ChatReply.Info("ChatBot is ready. Ask a question, or type `/help`. `/quit` to leave."));
        while (!stoppingToken.IsCancellationRequested)
        {
            await ConsoleReplyWriter.PromptAsync(io, stoppingToken);
            var line = await io.Input.ReadLineAsync(stoppingToken);
            if (line is null || line.Trim() is "/quit" or "/exit")
            {
                break;
            }

            if (line.Trim().Length == 0)
            {
                continue;
            }

            if (line.Trim() is "/new")
            {
                _turns.Clear();
                await ConsoleReplyWriter.WriteAsync(io, ChatReply.Info("New conversation: earlier questions are forgotten."));
                continue;
            }

            var (command, argument) = ChatCommandParser.Parse(line);
            var history = command == ChatCommand.Ask ? _turns.ToList() : null;
            var request = new ChatRequest(Platform, "console", Environment.UserName, command, argument, IsAdmin: true, Guid.NewGuid().ToString("N")[..8], History: history);
            using var trace = ChatTelemetry.StartRequest(Platform, request.CorrelationId);
            try
            {
                var reply = await ConsoleReplyWriter.WithSpinnerAsync(io, () => handler.HandleAsync(request, stoppingToken));
                using (ChatTelemetry.Start("chat.post"))
                {
                    await ConsoleReplyWriter.WriteAsync(io, reply);
                }

                if (command == ChatCommand.Ask)
                {
                    Remember(argument, reply.Text);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                WorkerLog.CommandFailed(logger, ex, command.ToString(), Platform, request.CorrelationId);
                await io.Output.WriteLineAsync($"Something went wrong (ref {request.CorrelationId}).");
            }
        }

        lifetime.StopApplication();
    }

    private void Remember(string question, string answer)
    {
        var now = time.GetUtcNow();
        _turns.Add(new ConversationTurn(ConversationRole.User, question, now));
        _turns.Add(new ConversationTurn(ConversationRole.Bot, answer, now));
        if (_turns.Count > MaxTurns)
        {
            _turns.RemoveRange(0, _turns.Count - MaxTurns);
        }
    }

    /// <summary>The prompt comes after every service has started, so no start-up line lands behind it.</summary>
    private async Task StartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        await started.Task;
    }
}
