using ChatBot.Discord.Logging;
using ChatBot.Discord.Rest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Discord.Gateway;

/// <summary>
/// IDENTIFY turns for every shard of the process (protocols.md A1.12): GET /gateway/bot once (again after a dropped
/// connection or when the session starts run out), <c>session_start_limit.remaining</c> counted down, and shards paced
/// by <c>max_concurrency</c>: shard <c>i</c> is in bucket <c>i % max_concurrency</c>; the buckets identify at the
/// same time, each bucket once per <see cref="DiscordOptions.IdentifySpacingMilliseconds"/> (Discord: 5 s).
/// </summary>
public sealed class DiscordIdentifyScheduler(DiscordApi api, IOptions<DiscordOptions> options, TimeProvider time, ILogger<DiscordIdentifyScheduler> logger) : IDisposable
{
    private readonly SemaphoreSlim _fetch = new(1, 1);
    private readonly Dictionary<int, DateTimeOffset> _nextTurn = [];
    private GatewayBotInfo? _gateway;

    /// <summary>What GET /gateway/bot said (fetched when not known yet): the URL, the recommended shard count, the limits.</summary>
    public async Task<GatewayBotInfo> GatewayAsync(CancellationToken cancellationToken)
    {
        await _fetch.WaitAsync(cancellationToken);
        try
        {
            _gateway ??= await api.GetGatewayBotAsync(cancellationToken);
            while (_gateway.Remaining <= 0)
            {
                var wait = _gateway.ResetAfter > TimeSpan.Zero ? _gateway.ResetAfter : TimeSpan.FromSeconds(5);
                DiscordLog.IdentifyLimit(logger, wait);
                await Task.Delay(wait, time, cancellationToken);
                _gateway = await api.GetGatewayBotAsync(cancellationToken);
            }

            return _gateway;
        }
        finally
        {
            _fetch.Release();
        }
    }

    /// <summary>Forget the gateway info (a connection to its URL failed): the next turn fetches it again.</summary>
    public void Invalidate()
    {
        _fetch.Wait();
        try
        {
            _gateway = null;
        }
        finally
        {
            _fetch.Release();
        }
    }

    public void Dispose() => _fetch.Dispose();

    /// <summary>Waits for <paramref name="shardId"/>'s IDENTIFY turn; returns the gateway URL to connect to.</summary>
    public async Task<string> WaitForTurnAsync(int shardId, CancellationToken cancellationToken)
    {
        var gateway = await TakeSessionStartAsync(cancellationToken);
        var bucket = shardId % Math.Max(1, gateway.MaxConcurrency);
        var spacing = TimeSpan.FromMilliseconds(options.Value.IdentifySpacingMilliseconds);
        DateTimeOffset turn;
        lock (_nextTurn)
        {
            var now = time.GetUtcNow();
            turn = _nextTurn.TryGetValue(bucket, out var next) && next > now ? next : now;
            _nextTurn[bucket] = turn + spacing;
        }

        var wait = turn - time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }

        return gateway.Url;
    }

    private async Task<GatewayBotInfo> TakeSessionStartAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var gateway = await GatewayAsync(cancellationToken);
            await _fetch.WaitAsync(cancellationToken);
            try
            {
                if (ReferenceEquals(gateway, _gateway) && gateway.Remaining > 0)
                {
                    _gateway = gateway with { Remaining = gateway.Remaining - 1 };
                    return gateway;
                }
            }
            finally
            {
                _fetch.Release();
            }
        }
    }
}
