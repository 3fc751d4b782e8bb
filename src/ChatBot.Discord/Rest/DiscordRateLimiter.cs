using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;

namespace ChatBot.Discord.Rest;

/// <summary>
/// Client-side view of Discord's rate limits: one bucket per route (from X-RateLimit-Remaining and
/// X-RateLimit-Reset-After) and the global pause a global 429 imposes. Shared by every request.
/// </summary>
internal sealed class DiscordRateLimiter(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private const int MaxBuckets = 1024;
    private long _globalUntilTicks;

    /// <summary>How long to wait before sending on this route (zero when free to go).</summary>
    public TimeSpan DelayFor(string route, bool exemptFromGlobal = false)
    {
        var now = time.GetUtcNow();
        var global = new DateTimeOffset(Interlocked.Read(ref _globalUntilTicks), TimeSpan.Zero);
        var wait = global > now && !exemptFromGlobal ? global - now : TimeSpan.Zero;
        if (_buckets.TryGetValue(route, out var bucket) && bucket.Remaining <= 0 && bucket.ResetAt > now)
        {
            var bucketWait = bucket.ResetAt - now;
            wait = bucketWait > wait ? bucketWait : wait;
        }

        return wait;
    }

    /// <summary>Takes one request from the bucket before sending, so parallel callers do not overrun it.</summary>
    public void Consume(string route)
    {
        if (_buckets.TryGetValue(route, out var bucket) && bucket.ResetAt > time.GetUtcNow())
        {
            _buckets[route] = bucket with { Remaining = bucket.Remaining - 1 };
        }
    }

    public void Update(string route, HttpResponseHeaders headers)
    {
        if (TryGetDouble(headers, "X-RateLimit-Remaining", out var remaining)
            && TryGetDouble(headers, "X-RateLimit-Reset-After", out var resetAfter))
        {
            var now = time.GetUtcNow();
            _buckets[route] = new Bucket((int)remaining, now + TimeSpan.FromSeconds(resetAfter));
            if (_buckets.Count > MaxBuckets)
            {
                // Interactions each get a bucket of their own: forget the ones whose window has passed.
                foreach (var (key, bucket) in _buckets)
                {
                    if (bucket.ResetAt <= now)
                    {
                        _buckets.TryRemove(key, out _);
                    }
                }
            }
        }
    }

    public void PauseGlobally(TimeSpan delay)
    {
        var until = (time.GetUtcNow() + delay).UtcTicks;
        long current;
        do
        {
            current = Interlocked.Read(ref _globalUntilTicks);
            if (current >= until)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _globalUntilTicks, until, current) != current);
    }

    private static bool TryGetDouble(HttpResponseHeaders headers, string name, out double value)
    {
        value = 0;
        return headers.TryGetValues(name, out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    private sealed record Bucket(int Remaining, DateTimeOffset ResetAt);
}
