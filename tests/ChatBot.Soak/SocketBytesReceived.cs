using System.Diagnostics.Tracing;
using System.Globalization;

namespace ChatBot.Soak;

/// <summary>
/// The bytes this process has taken from its sockets: the runtime's <c>System.Net.Sockets</c> "bytes-received"
/// counter, published every 0.2 s. Read around one fetch it is what the bot actually read (the soak runs alone, and
/// the in-process hostile server only receives requests). A hostile server's own count is no measure of that: it
/// includes what the kernel's socket buffers accepted (the receive buffer grows up to tcp_rmem's maximum, 32 MB
/// where this was measured) and the writes Kestrel silently drops once the client has closed the connection.
/// </summary>
public sealed class SocketBytesReceived : EventListener
{
    private const string SourceName = "System.Net.Sockets";
    private const string CounterName = "bytes-received";
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(10);
    private readonly Lock _gate = new();
    private readonly List<(int After, TaskCompletionSource<long> Value)> _waiters = [];
    private int _published;

    /// <summary>The counter's value as published after this call (two publications later, so it was polled after it).</summary>
    public async Task<long> ReadAsync(CancellationToken cancellationToken)
    {
        var value = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _waiters.Add((_published + 2, value));
        }

        try
        {
            return await value.Task.WaitAsync(PublishTimeout, cancellationToken);
        }
        catch (TimeoutException ex)
        {
            throw new InvalidOperationException($"The {SourceName} counters did not publish within {PublishTimeout.TotalSeconds:0} s.", ex);
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        ArgumentNullException.ThrowIfNull(eventSource);
        if (eventSource.Name == SourceName)
        {
            // The runtime parses the interval with the current culture.
            var interval = 0.2f.ToString(CultureInfo.CurrentCulture);
            EnableEvents(eventSource, EventLevel.LogAlways, EventKeywords.All, new Dictionary<string, string?> { ["EventCounterIntervalSec"] = interval });
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.EventName != "EventCounters" || eventData.Payload is not [IDictionary<string, object> counter, ..]
            || !Equals(counter["Name"], CounterName))
        {
            return;
        }

        var bytes = Convert.ToInt64(counter["Mean"], CultureInfo.InvariantCulture);
        lock (_gate)
        {
            _published++;
            foreach (var waiter in _waiters.Where(w => w.After <= _published).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Value.TrySetResult(bytes);
            }
        }
    }
}
