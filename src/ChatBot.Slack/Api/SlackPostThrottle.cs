using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace ChatBot.Slack.Api;

/// <summary>Keeps posts to one channel about <see cref="SlackOptions.MinPostIntervalMilliseconds"/> apart (Slack: ~1 message/s per channel).</summary>
public sealed class SlackPostThrottle(IOptions<SlackOptions> options, TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, Gate> _gates = new(StringComparer.Ordinal);
    private readonly TimeSpan _interval = TimeSpan.FromMilliseconds(options.Value.MinPostIntervalMilliseconds);
    private readonly TimeProvider _time = timeProvider;

    /// <summary>Waits for the channel's turn; dispose the result after posting.</summary>
    public async Task<IDisposable> EnterAsync(string channelId, CancellationToken cancellationToken)
    {
        var gate = _gates.GetOrAdd(channelId, _ => new Gate());
        await gate.Lock.WaitAsync(cancellationToken);
        try
        {
            var wait = gate.NextAllowed - _time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _time, cancellationToken);
            }
        }
        catch
        {
            gate.Lock.Release();
            throw;
        }

        return new Lease(gate, this);
    }

    private sealed class Gate
    {
        public SemaphoreSlim Lock { get; } = new(1, 1);

        public DateTimeOffset NextAllowed { get; set; } = DateTimeOffset.MinValue;
    }

    private sealed class Lease(Gate gate, SlackPostThrottle owner) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                gate.NextAllowed = owner._time.GetUtcNow() + owner._interval;
                gate.Lock.Release();
            }
        }
    }
}
