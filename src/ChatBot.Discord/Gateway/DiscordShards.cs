using ChatBot.Discord.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Discord.Gateway;

/// <summary>
/// The gateway shards this process runs, each its own <see cref="DiscordGatewayClient"/> (own session, sequence and
/// resume URL, so each is resumed on its own), sharing the <see cref="DiscordIdentifyScheduler"/>. Which shards:
/// <c>Discord:ShardIds</c> of <c>Discord:ShardCount</c>; else <c>Discord:ShardId</c>; with <c>Discord:ShardCount</c> 0
/// (the default) the count Discord recommends in GET /gateway/bot, all of them in this process.
/// A fatal close on any shard (a bad token) stops them all.
/// </summary>
public sealed class DiscordShards(DiscordIdentifyScheduler identify, IOptions<DiscordOptions> options, TimeProvider time, ILoggerFactory loggers)
{
    private readonly DiscordOptions _options = options.Value;
    private volatile IReadOnlyList<DiscordGatewayClient> _clients = [];

    /// <summary>The running shards (empty before <see cref="RunAsync"/> has worked out which).</summary>
    public IReadOnlyList<DiscordGatewayClient> Clients => _clients;

    /// <summary>The bot's own user id, from the first READY of any shard.</summary>
    public string? UserId => _clients.Select(c => c.UserId).FirstOrDefault(id => id is not null);

    /// <summary>The shard ids and the total this process runs with.</summary>
    public async Task<(IReadOnlyList<int> Ids, int Count)> PlanAsync(CancellationToken cancellationToken)
    {
        var recommended = Math.Max(1, (await identify.GatewayAsync(cancellationToken)).Shards);
        var count = _options.ShardCount > 0 ? _options.ShardCount : recommended;
        if (count < recommended)
        {
            DiscordLog.FewerShardsThanRecommended(loggers.CreateLogger<DiscordShards>(), count, recommended);
        }

        IReadOnlyList<int> ids = _options.ShardIds is { Length: > 0 } configured ? configured
            : _options.ShardCount > 0 ? [_options.ShardId]
            : Enumerable.Range(0, count).ToList();
        return (ids, count);
    }

    /// <summary>Runs every shard until cancelled, or until one closes fatally (then the others are stopped and it is thrown).</summary>
    public async Task RunAsync(IGatewayDispatchHandler handler, CancellationToken cancellationToken)
    {
        var (ids, count) = await PlanAsync(cancellationToken);
        DiscordLog.Shards(loggers.CreateLogger<DiscordShards>(), string.Join(",", ids), count);
        _clients = ids.Select(id => new DiscordGatewayClient(options, time, loggers.CreateLogger<DiscordGatewayClient>(), identify, id, count)).ToList();
        using var all = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = _clients.Select(c => RunShardAsync(c, handler, all)).ToList();
        await Task.WhenAll(running);
    }

    private static async Task RunShardAsync(DiscordGatewayClient client, IGatewayDispatchHandler handler, CancellationTokenSource all)
    {
        try
        {
            await client.RunAsync(handler, all.Token);
        }
        catch (DiscordGatewayFatalException)
        {
            await all.CancelAsync();
            throw;
        }
    }
}
