using System.ClientModel;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using ChatBot.Core.Telemetry;
using ChatBot.Retrieval.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;

namespace ChatBot.Retrieval.Llm;

/// <summary>
/// One model call: renders a prompt, spends one request of the daily budget, runs under a linked token that
/// cancels after <see cref="LlmOptions.TimeoutSeconds"/>, and turns every model failure into
/// <see cref="LlmUnavailableException"/> (logged with the correlation id) so callers fall back in one place.
/// </summary>
public sealed class LlmClient(Kernel kernel, PromptLibrary prompts, DailyRequestBudget budget, IOptions<LlmOptions> options, ILogger<LlmClient> logger)
{
    private readonly LlmOptions _options = options.Value;

    public IChatCompletionService Chat { get; } = kernel.GetRequiredService<IChatCompletionService>();

    /// <summary>The model's whole reply, trimmed.</summary>
    public async Task<string> CompleteAsync(string prompt, KernelArguments arguments, string correlationId, CancellationToken cancellationToken)
    {
        var history = await StartAsync(prompt, arguments, correlationId, cancellationToken);
        using var budgetToken = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budgetToken.CancelAfter(TimeSpan.FromSeconds(_options.TimeoutSeconds));
        var watch = Stopwatch.StartNew();
        string text;
        try
        {
            var reply = await Chat.GetChatMessageContentAsync(history, Settings(), kernel, budgetToken.Token);
            text = reply.Content ?? string.Empty;
        }
        catch (Exception ex) when (IsModelFailure(ex, cancellationToken))
        {
            throw Failed(prompt, ex, correlationId);
        }

        return Finish(prompt, text, watch, correlationId);
    }

    /// <summary>
    /// Streams the reply, calling <paramref name="onText"/> with the text so far after each piece; returns the whole reply.
    /// The callback gets the caller's token, and the time it takes (a chat platform pacing its posts) does not count
    /// against the model's <see cref="LlmOptions.TimeoutSeconds"/>: a slow channel must not make a healthy model "time out".
    /// </summary>
    public async Task<string> StreamAsync(
        string prompt, KernelArguments arguments, Func<string, CancellationToken, Task> onText, string correlationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onText);
        var history = await StartAsync(prompt, arguments, correlationId, cancellationToken);
        using var budgetToken = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var remaining = TimeSpan.FromSeconds(_options.TimeoutSeconds);
        budgetToken.CancelAfter(remaining);
        var modelTime = Stopwatch.StartNew();
        var watch = Stopwatch.StartNew();
        var text = new StringBuilder();
        var pieces = Chat.GetStreamingChatMessageContentsAsync(history, Settings(), kernel, budgetToken.Token);
        await using var enumerator = pieces.GetAsyncEnumerator(budgetToken.Token);
        while (true)
        {
            bool more;
            try
            {
                more = await enumerator.MoveNextAsync();
            }
            catch (Exception ex) when (IsModelFailure(ex, cancellationToken))
            {
                throw Failed(prompt, ex, correlationId);
            }

            if (!more)
            {
                break;
            }

            if (!string.IsNullOrEmpty(enumerator.Current.Content))
            {
                text.Append(enumerator.Current.Content);

                // Outside the try: a failing chat platform is not a model failure. The model's clock stops meanwhile.
                modelTime.Stop();
                budgetToken.CancelAfter(Timeout.InfiniteTimeSpan);
                await onText(text.ToString(), cancellationToken);
                modelTime.Start();
                var left = remaining - modelTime.Elapsed;
                budgetToken.CancelAfter(left > TimeSpan.Zero ? left : TimeSpan.Zero);
            }
        }

        return Finish(prompt, text.ToString(), watch, correlationId);
    }

    /// <summary>
    /// Our budget running out (not the caller's cancellation), HTTP errors (429, 5xx: <see cref="HttpOperationException"/>),
    /// connection failures, and unreadable replies (JSON errors; the OpenAI SDK's ArgumentOutOfRangeException for unknown
    /// enum values, InvalidOperationException for missing fields).
    /// </summary>
    internal static bool IsModelFailure(Exception exception, CancellationToken callerToken) => exception switch
    {
        OperationCanceledException => !callerToken.IsCancellationRequested,
        HttpOperationException or KernelException or ClientResultException or HttpRequestException => true,
        JsonException or FormatException or InvalidOperationException or ArgumentException => true,
        _ => false,
    };

    private async Task<ChatHistory> StartAsync(string prompt, KernelArguments arguments, string correlationId, CancellationToken cancellationToken)
    {
        if (!budget.TryTake())
        {
            var ex = new LlmUnavailableException("daily request budget used up");
            LlmLog.CallFailed(logger, null, prompt, ex.Reason, correlationId);
            ChatTelemetry.RecordModelCall(ProviderTag, "budget");
            throw ex;
        }

        var parts = prompts[prompt];
        if (logger.IsEnabled(LogLevel.Trace))
        {
            LlmLog.PromptArguments(logger, prompt, string.Join("; ", arguments.Select(a => a.Key + "=" + a.Value)), correlationId);
        }

        var user = await parts.User.RenderAsync(kernel, arguments, cancellationToken);
        var history = new ChatHistory();
        history.AddSystemMessage(parts.System);
        history.AddUserMessage(user);
        return history;
    }

    private string ProviderTag => _options.Provider.ToString().ToLowerInvariant();

    private OpenAIPromptExecutionSettings Settings() => new()
    {
        MaxTokens = _options.MaxTokens,
        Temperature = _options.Temperature,
    };

    private string Finish(string prompt, string text, Stopwatch watch, string correlationId)
    {
        LlmLog.CallFinished(logger, prompt, watch.Elapsed.TotalMilliseconds, text.Length, correlationId);
        LlmLog.ModelOutput(logger, prompt, text, correlationId);
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            throw Failed(prompt, new LlmUnavailableException("empty reply"), correlationId);
        }

        ChatTelemetry.RecordModelCall(ProviderTag, fallbackReason: null);
        return trimmed;
    }

    private LlmUnavailableException Failed(string prompt, Exception exception, string correlationId)
    {
        var reason = exception switch
        {
            OperationCanceledException => $"timeout after {_options.TimeoutSeconds} s",
            HttpOperationException { StatusCode: HttpStatusCode status } => $"HTTP {(int)status}",
            ClientResultException { Status: > 0 } client => $"HTTP {client.Status}",
            LlmUnavailableException unavailable => unavailable.Reason,
            _ => "unreadable reply: " + exception.GetType().Name,
        };
        LlmLog.CallFailed(logger, exception, prompt, reason, correlationId);
        ChatTelemetry.RecordModelCall(ProviderTag, exception switch
        {
            OperationCanceledException => "timeout",
            HttpOperationException or ClientResultException or HttpRequestException => "http",
            LlmUnavailableException => "empty",
            _ => "unreadable",
        });
        return new LlmUnavailableException(reason, exception);
    }
}
