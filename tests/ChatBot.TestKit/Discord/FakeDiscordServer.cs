using System.Text.Json.Nodes;
using System.Threading.Channels;
using ChatBot.Core.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ChatBot.TestKit.Discord;

/// <summary>
/// A fake Discord on 127.0.0.1: REST API v10 (gateway/bot, command overwrite, interaction callbacks, webhook
/// edits and follow-ups, channel messages) whose request bodies are checked against the official OpenAPI
/// schema, and a WebSocket gateway (HELLO, heartbeat ACKs, READY on IDENTIFY, replay + RESUMED on RESUME).
/// Tests script everything else (op 7, op 9, close codes, 429s) through the connection handles.
/// </summary>
public sealed partial class FakeDiscordServer : IAsyncDisposable
{
    public const string ApplicationId = "1100000000000000001";
    public const string BotToken = "fake-bot-token";

    private KestrelListener _listener = null!;
    private readonly Channel<FakeGatewayConnection> _connections = Channel.CreateUnbounded<FakeGatewayConnection>();
    private readonly List<FakeDiscordRequest> _requests = [];
    private readonly List<(string Method, string Template, int Status, double RetryAfter, bool Global)> _failures = [];
    private readonly List<(string Event, JsonNode Data)> _replay = [];
    private readonly List<int> _identifiedIntents = [];
    private TaskCompletionSource _requestArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _connectionCount;
    private int _identifies;
    private int _resumes;
    private long _sequence;
    private long _messageIds;
    private const int PassThrough = 0;


    public string BaseUrl { get; private set; } = string.Empty;

    public string ApiBaseUrl => BaseUrl + "/api/v10";

    public string GatewayUrl => BaseUrl.Replace("http://", "ws://", StringComparison.Ordinal) + "/gateway";

    public string ResumeUrl => BaseUrl.Replace("http://", "ws://", StringComparison.Ordinal) + "/resume";

    /// <summary>
    /// heartbeat_interval sent in HELLO: Discord's own by default, so a busy machine that answers a heartbeat late does not
    /// make the bot drop the connection as a zombie in the middle of a scenario; tests of heartbeating set a small one.
    /// </summary>
    public int HeartbeatIntervalMilliseconds { get; set; } = 41_250;

    /// <summary>Answer heartbeats with op 11; turn off to make the connection a zombie.</summary>
    public bool AcknowledgeHeartbeats { get; set; } = true;

    public int ConnectionCount => Volatile.Read(ref _connectionCount);

    /// <summary>
    /// The privileged intents (members 1&lt;&lt;1, presences 1&lt;&lt;8, message content 1&lt;&lt;15) the application has enabled in
    /// the Developer Portal: an IDENTIFY asking for others is closed with 4014, as Discord does. All of them by default.
    /// </summary>
    public int EnabledPrivilegedIntents { get; set; } = (1 << 1) | (1 << 8) | (1 << 15);

    /// <summary>The shard count GET /gateway/bot recommends.</summary>
    public int RecommendedShards { get; set; } = 1;

    /// <summary>session_start_limit.max_concurrency of GET /gateway/bot.</summary>
    public int MaxConcurrency { get; set; } = 1;

    /// <summary>The intents of every IDENTIFY, in order.</summary>
    public IReadOnlyList<int> IdentifiedIntents
    {
        get
        {
            lock (_identifiedIntents)
            {
                return [.. _identifiedIntents];
            }
        }
    }

    public int IdentifyCount => Volatile.Read(ref _identifies);

    public int ResumeCount => Volatile.Read(ref _resumes);

    public string CurrentSessionId { get; private set; } = string.Empty;

    public IReadOnlyList<FakeDiscordRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return _requests.ToList();
            }
        }
    }

    /// <summary>Requests recorded after the first <paramref name="skip"/>, in arrival order.</summary>
    public IReadOnlyList<FakeDiscordRequest> RequestsSince(int skip)
    {
        lock (_requests)
        {
            return skip >= _requests.Count ? [] : _requests.GetRange(skip, _requests.Count - skip);
        }
    }

    public static async Task<FakeDiscordServer> StartAsync()
    {
        var server = new FakeDiscordServer();
        server._listener = await KestrelListener.StartAsync(["http://127.0.0.1:0"], maxRequestBodyBytes: null, app =>
        {
            app.UseWebSockets();
            app.Run(server.HandleAsync);
        }, CancellationToken.None);
        server.BaseUrl = server._listener.Urls[0].TrimEnd('/');
        return server;
    }

    /// <summary>The next gateway connection the bot opens.</summary>
    public async Task<FakeGatewayConnection> NextConnectionAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(5));
        return await _connections.Reader.ReadAsync(cts.Token);
    }

    /// <summary>
    /// Makes the next REST call of this method and route fail with this status (429 carries retry_after, and the global
    /// flag when asked). Failures of one route are used in the order scripted; those of other routes do not wait for them.
    /// </summary>
    public void FailNext(string method, string template, int status, double retryAfterSeconds = 0.05, bool global = false)
    {
        lock (_failures)
        {
            _failures.Add((method, template, status, retryAfterSeconds, global));
        }
    }

    /// <summary>
    /// Lets the next REST call of this method and route through (answered normally): scripted before failures, it makes
    /// them hit the call after it (the second part of a digest, say).
    /// </summary>
    public void PassNext(string method, string template) => FailNext(method, template, PassThrough);

    /// <summary>Drops every scripted failure not yet used.</summary>
    public void ClearFailures()
    {
        lock (_failures)
        {
            _failures.Clear();
        }
    }

    /// <summary>An event the bot missed: sent on the next RESUME before RESUMED.</summary>
    public void QueueForReplay(string eventName, JsonNode data)
    {
        lock (_replay)
        {
            _replay.Add((eventName, data));
        }
    }

    /// <summary>Waits until a request matching the predicate has arrived; returns it.</summary>
    public async Task<FakeDiscordRequest> WaitForRequestAsync(Func<FakeDiscordRequest, bool> predicate, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(5));
        while (true)
        {
            Task arrived;
            lock (_requests)
            {
                var match = _requests.FirstOrDefault(predicate);
                if (match is not null)
                {
                    return match;
                }

                arrived = _requestArrived.Task;
            }

            await arrived.WaitAsync(cts.Token);
        }
    }

    public static JsonObject Interaction(string id, string command, JsonArray? options = null, string permissions = "0", string? customId = null, int type = 2) => new()
    {
        ["id"] = id,
        ["application_id"] = ApplicationId,
        ["type"] = type,
        ["token"] = "tok-" + id,
        ["version"] = 1,
        ["guild_id"] = "2200000000000000002",
        ["channel_id"] = "4400000000000000004",
        ["member"] = new JsonObject
        {
            ["user"] = new JsonObject { ["id"] = "5500000000000000005", ["username"] = "alice" },
            ["roles"] = new JsonArray(),
            ["permissions"] = permissions,
        },
        ["locale"] = "en-US",
        ["data"] = customId is null
            ? new JsonObject { ["id"] = "6600000000000000006", ["name"] = command, ["type"] = 1, ["options"] = options ?? [] }
            : new JsonObject { ["custom_id"] = customId, ["component_type"] = 2 },
    };

    private async Task HandleAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/gateway") || context.Request.Path.StartsWithSegments("/resume"))
        {
            if (!context.WebSockets.IsWebSocketRequest || context.Request.Query["v"] != "10" || context.Request.Query["encoding"] != "json")
            {
                context.Response.StatusCode = 400;
                return;
            }

            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            using var connection = new FakeGatewayConnection(socket, this, Interlocked.Increment(ref _connectionCount));
            _connections.Writer.TryWrite(connection);
            await connection.RunAsync(context.RequestAborted);
            return;
        }

        await HandleRestAsync(context);
    }

    public async ValueTask DisposeAsync()
    {
        await _listener.StopAsync(CancellationToken.None);
        await _listener.DisposeAsync();
    }
}
