using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ChatBot.Core.Telemetry;

/// <summary>
/// One platform request from its event to its posted reply: the <c>chat.request</c> span (when traces are exported) and
/// the answer-latency clock. <see cref="ChatTelemetry.StartRequest"/> makes it the current one of the request's flow;
/// the command handler names the command, <see cref="FirstPartial"/> records the first shown partial answer, and
/// <see cref="Dispose"/>, after the reply is posted, records the final latency and ends the span.
/// </summary>
public sealed class RequestTrace : IDisposable
{
    private static readonly AsyncLocal<RequestTrace?> CurrentTrace = new();
    private readonly string _platform;
    private readonly DateTimeOffset _receivedAt;
    private string? _command;
    private int _partialShown;
    private int _disposed;

    private RequestTrace(string platform, DateTimeOffset receivedAt, Activity? activity)
    {
        _platform = platform;
        _receivedAt = receivedAt;
        Activity = activity;
    }

    /// <summary>The request being handled in this flow, if any.</summary>
    public static RequestTrace? Current => CurrentTrace.Value;

    /// <summary>The <c>chat.request</c> span; null when traces are not exported.</summary>
    public Activity? Activity { get; }

    internal static RequestTrace Begin(string platform, DateTimeOffset receivedAt, Activity? activity)
    {
        var trace = new RequestTrace(platform, receivedAt, activity);
        CurrentTrace.Value = trace;
        return trace;
    }

    /// <summary>The command handler ran the request as <paramref name="command"/>: its final latency is recorded at dispose.</summary>
    internal void Handled(string command) => _command = command;

    /// <summary>Records the time to the first partial answer shown (once per request).</summary>
    public void FirstPartial()
    {
        if (Interlocked.Exchange(ref _partialShown, 1) == 0)
        {
            ChatTelemetry.RecordAnswerLatency(_platform, _command ?? "ask", "first_partial", DateTimeOffset.UtcNow - _receivedAt);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_command is { } command)
        {
            ChatTelemetry.RecordAnswerLatency(_platform, command, "final", DateTimeOffset.UtcNow - _receivedAt);
        }

        Activity?.Dispose();
        if (ReferenceEquals(CurrentTrace.Value, this))
        {
            CurrentTrace.Value = null;
        }
    }
}

public static partial class ChatTelemetry
{
    /// <summary>
    /// Seconds from the platform event to a stage of its reply, by platform, command and stage: <c>ack</c> (Discord's
    /// deferred response), <c>first_partial</c> (the first piece of a model-written answer shown), <c>final</c> (the reply posted).
    /// </summary>
    public static readonly Histogram<double> AnswerLatency = Meter.CreateHistogram<double>(
        "chatbot.answer.latency", "s", "Time from the platform event to the acknowledgement, the first partial answer and the final reply.",
        advice: SecondsBuckets());

    /// <summary>Records the time from the platform event to <paramref name="stage"/> (ack, first_partial, final).</summary>
    public static void RecordAnswerLatency(string platform, string command, string stage, TimeSpan elapsed)
    {
        if (AnswerLatency.Enabled)
        {
            AnswerLatency.Record(Math.Max(0, elapsed.TotalSeconds), new TagList { { "platform", platform }, { "command", command }, { "stage", stage } });
        }
    }
}
