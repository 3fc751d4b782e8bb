using System.Net.WebSockets;
using ChatBot.Core.Telemetry;
using ChatBot.Discord.Logging;
using ChatBot.Discord.Rest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Discord.Gateway;

/// <summary>
/// The Discord gateway (protocols.md A1): connect, HELLO, heartbeat with a jittered first beat, IDENTIFY or
/// RESUME, dispatches with sequence tracking; resumes after op 7, drops, zombie connections and resumable
/// close codes; identifies again after op 9 d:false; on 4014 (disallowed intents) identifies again without the privileged
/// intents (a warning says so); stops for good on 4004, 4010-4013, and 4014 with no privileged intent to drop.
/// </summary>
public sealed partial class DiscordGatewayClient
{
    private readonly DiscordOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<DiscordGatewayClient> _logger;
    private readonly DiscordIdentifyScheduler _identify;
    private long _sequence = -1;

    public DiscordGatewayClient(
        IOptions<DiscordOptions> options, TimeProvider time, ILogger<DiscordGatewayClient> logger,
        DiscordIdentifyScheduler identify, int shardId = 0, int shardCount = 1)
    {
        ArgumentNullException.ThrowIfNull(options);
        _identify = identify;
        ShardId = shardId;
        ShardCount = shardCount;
        _options = options.Value;
        _time = time;
        _logger = logger;
        Intents = _options.Intents;
    }

    public int ShardId { get; }

    public int ShardCount { get; }

    /// <summary>The intents sent in IDENTIFY: Discord:Intents, without the privileged ones once Discord refused them (4014).</summary>
    public int Intents { get; private set; }

    /// <summary>Message Content (1 &lt;&lt; 15) is asked for and not refused: others' messages arrive with their text.</summary>
    public bool HasMessageContent => (Intents & GatewayIntents.MessageContent) != 0;

    /// <summary>The current session (from READY); null before READY and after op 9 d:false.</summary>
    public string? SessionId { get; private set; }

    public string? ResumeGatewayUrl { get; private set; }

    /// <summary>The last sequence number received; null when none yet.</summary>
    public long? Sequence
    {
        get
        {
            var s = Interlocked.Read(ref _sequence);
            return s < 0 ? null : s;
        }
    }

    /// <summary>The bot's own user id (from READY).</summary>
    public string? UserId { get; private set; }

    /// <summary>Runs until cancelled (then closes with 1000) or until a fatal close code (throws <see cref="DiscordGatewayFatalException"/>).</summary>
    public async Task RunAsync(IGatewayDispatchHandler handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var failures = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var resume = SessionId is not null && ResumeGatewayUrl is not null;
            string url;
            if (resume)
            {
                url = ResumeGatewayUrl!;
            }
            else
            {
                try
                {
                    url = await _identify.WaitForTurnAsync(ShardId, cancellationToken);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested && IsTransient(ex))
                {
                    // GET /gateway/bot failing (DNS, connect, 5xx after retries, a timeout) is a network blip:
                    // back off and try again. Only a refused token is fatal.
                    DiscordLog.Dropped(_logger, ex);
                    failures++;
                    await Task.Delay(Backoff(failures), _time, cancellationToken);
                    continue;
                }
            }

            (GatewayNext Next, bool Established, int? Code) outcome;
            try
            {
                outcome = await RunConnectionAsync(url, resume, handler, cancellationToken);
            }
            catch (Exception ex) when (ex is WebSocketException or IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
            {
                DiscordLog.Dropped(_logger, ex);
                outcome = (GatewayNext.Resume, false, null);
                if (!resume)
                {
                    _identify.Invalidate();
                }
            }

            switch (outcome.Next)
            {
                case GatewayNext.Stop:
                    cancellationToken.ThrowIfCancellationRequested();
                    return;
                case GatewayNext.Fatal when outcome.Code == GatewayCloseCodes.DisallowedIntents && (Intents & GatewayIntents.Privileged) != 0:
                    // Not stopping: the bot works without the privileged intents (replies and link summaries need a mention).
                    DiscordLog.PrivilegedIntentsDropped(_logger, Intents & GatewayIntents.Privileged, Intents & ~GatewayIntents.Privileged);
                    Intents &= ~GatewayIntents.Privileged;
                    ClearSession();
                    break;
                case GatewayNext.Fatal:
                    throw new DiscordGatewayFatalException(outcome.Code ?? 0, GatewayCloseCodes.Describe(outcome.Code));
                case GatewayNext.Identify:
                    ClearSession();
                    break;
            }

            failures = outcome.Established ? 0 : failures + 1;
            if (failures > 5)
            {
                ClearSession();
            }

            var delay = Backoff(failures);
            DiscordLog.Backoff(_logger, delay);
            ChatTelemetry.RecordReconnect(DiscordPlatformService.Platform, resume: SessionId is not null);
            await Task.Delay(delay, _time, cancellationToken);
        }
    }

    private void ClearSession()
    {
        SessionId = null;
        ResumeGatewayUrl = null;
        Interlocked.Exchange(ref _sequence, -1);
    }

    private static bool IsTransient(Exception exception) => exception switch
    {
        DiscordApiException api => !api.IsAuthFailure,
        HttpRequestException or IOException or WebSocketException or OperationCanceledException => true,
        _ => false,
    };

    private TimeSpan Backoff(int failures)
    {
        var baseMs = (double)_options.ReconnectDelayMilliseconds;
        var ms = Math.Min(_options.MaxReconnectDelayMilliseconds, baseMs * Math.Pow(2, Math.Min(failures, 16)));
        return TimeSpan.FromMilliseconds(ms * (0.5 + (Random.Shared.NextDouble() / 2)));
    }
}
