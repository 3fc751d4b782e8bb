namespace ChatBot.Discord.Gateway;

/// <summary>A sliding window of sends per connection: at most N in any 60 s (Discord closes with 4008 above 120).</summary>
internal sealed class GatewaySendLimiter(int perMinute, TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(60);
    private readonly Queue<DateTimeOffset> _sent = new();

    /// <summary>How long to wait before the next send may go.</summary>
    public TimeSpan Delay()
    {
        var now = time.GetUtcNow();
        while (_sent.Count > 0 && now - _sent.Peek() >= Window)
        {
            _sent.Dequeue();
        }

        return _sent.Count < perMinute ? TimeSpan.Zero : (_sent.Peek() + Window) - now;
    }

    public void Record() => _sent.Enqueue(time.GetUtcNow());
}
