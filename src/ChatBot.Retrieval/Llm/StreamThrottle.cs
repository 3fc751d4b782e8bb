namespace ChatBot.Retrieval.Llm;

/// <summary>
/// Passes on a growing text at most once per interval (chat platforms rate-limit message edits): the first update
/// goes at once, later ones only when the interval has passed since the last one sent.
/// </summary>
public sealed class StreamThrottle(TimeSpan interval, TimeProvider time, Func<string, CancellationToken, Task> onUpdate)
{
    private DateTimeOffset? _last;
    private string _sent = string.Empty;

    /// <summary>How many updates went out.</summary>
    public int Sent { get; private set; }

    public async Task OfferAsync(string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var now = time.GetUtcNow();
        if (text.Length == 0 || string.Equals(text, _sent, StringComparison.Ordinal) || (_last is { } last && now - last < interval))
        {
            return;
        }

        _last = now;
        _sent = text;
        Sent++;
        await onUpdate(text, cancellationToken);
    }
}
