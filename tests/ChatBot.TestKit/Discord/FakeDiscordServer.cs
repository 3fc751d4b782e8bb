using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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

    private readonly WebApplication _app;
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

    private FakeDiscordServer(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = string.Empty;

    public string ApiBaseUrl => BaseUrl + "/api/v10";

    public string GatewayUrl => BaseUrl.Replace("http://", "ws://", StringComparison.Ordinal) + "/gateway";

    public string ResumeUrl => BaseUrl.Replace("http://", "ws://", StringComparison.Ordinal) + "/resume";

    /// <summary>heartbeat_interval sent in HELLO; small so tests run fast.</summary>
    public int HeartbeatIntervalMilliseconds { get; set; } = 250;

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
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeDiscordServer(app);
        app.UseWebSockets();
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
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

    internal long NextSequence() => Interlocked.Increment(ref _sequence);

    internal async Task OnFrameAsync(FakeGatewayConnection connection, JsonElement frame)
    {
        switch (frame.GetProperty("op").GetInt32())
        {
            case 1 when AcknowledgeHeartbeats:
                await connection.SendAsync(new JsonObject { ["op"] = 11 });
                break;
            case 2:
                var intents = frame.GetProperty("d").GetProperty("intents").GetInt32();
                lock (_identifiedIntents)
                {
                    _identifiedIntents.Add(intents);
                }

                const int privileged = (1 << 1) | (1 << 8) | (1 << 15);
                if ((intents & privileged & ~EnabledPrivilegedIntents) != 0)
                {
                    await connection.CloseAsync(4014, "Disallowed intent(s).");
                    break;
                }

                var n = Interlocked.Increment(ref _identifies);
                CurrentSessionId = "session-" + n;
                connection.SessionId = CurrentSessionId;
                var shard = frame.GetProperty("d").TryGetProperty("shard", out var s) && s.ValueKind == JsonValueKind.Array
                    ? new JsonArray(s[0].GetInt32(), s[1].GetInt32())
                    : new JsonArray(0, 1);
                connection.Shard = shard[0]!.GetValue<int>();
                Interlocked.Exchange(ref _sequence, 0);
                await connection.DispatchAsync("READY", new JsonObject
                {
                    ["v"] = 10,
                    ["user"] = new JsonObject { ["id"] = ApplicationId, ["username"] = "chatbot", ["bot"] = true },
                    ["guilds"] = new JsonArray(),
                    ["session_id"] = CurrentSessionId,
                    ["resume_gateway_url"] = ResumeUrl,
                    ["shard"] = shard,
                    ["application"] = new JsonObject { ["id"] = ApplicationId, ["flags"] = 0 },
                });
                break;
            case 6:
                Interlocked.Increment(ref _resumes);
                List<(string Event, JsonNode Data)> replay;
                lock (_replay)
                {
                    replay = [.. _replay];
                    _replay.Clear();
                }

                foreach (var (eventName, data) in replay)
                {
                    await connection.DispatchAsync(eventName, data);
                }

                await connection.DispatchAsync("RESUMED", new JsonObject());
                break;
        }
    }

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

    private async Task HandleRestAsync(HttpContext context)
    {
        var method = context.Request.Method;
        var path = context.Request.Path.Value ?? string.Empty;
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
        var template = TemplateOf(path);
        IReadOnlyList<string> errors;
        try
        {
            errors = body.Length > 0 && template is not null && method is "POST" or "PUT" or "PATCH"
                ? DiscordSchemaValidator.Validate(method, template, body)
                : [];
        }
        catch (Exception ex)
        {
            errors = ["schema check failed: " + ex];
        }
        var authorized = context.Request.Headers.Authorization == "Bot " + BotToken || path.Contains("/interactions/", StringComparison.Ordinal) || path.Contains("/webhooks/", StringComparison.Ordinal);
        var (failed, failure) = authorized ? TakeFailure(method, template) : default;
        failed &= failure.Status != PassThrough;
        var request = new FakeDiscordRequest(
            method, path, template ?? path, body, context.Request.Headers.Authorization, context.Request.Headers.UserAgent,
            context.Request.ContentType, errors, DateTimeOffset.UtcNow)
        {
            Status = !authorized ? 401 : failed ? failure.Status : 200,
            ResponseId = authorized && !failed && CreatesOrEditsMessage(method, template) ? NextMessageId() : null,
        };
        lock (_requests)
        {
            _requests.Add(request);
            var previous = _requestArrived;
            _requestArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            previous.TrySetResult();
        }

        if (!authorized)
        {
            await WriteAsync(context, 401, new JsonObject { ["message"] = "401: Unauthorized", ["code"] = 0 });
            return;
        }

        if (failed)
        {
            if (failure.Status == 429)
            {
                context.Response.Headers["Retry-After"] = Math.Ceiling(failure.RetryAfter).ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (failure.Global)
                {
                    context.Response.Headers["X-RateLimit-Global"] = "true";
                    context.Response.Headers["X-RateLimit-Scope"] = "global";
                }

                await WriteAsync(context, 429, new JsonObject { ["message"] = "You are being rate limited.", ["retry_after"] = failure.RetryAfter, ["global"] = failure.Global });
            }
            else
            {
                await WriteAsync(context, failure.Status, new JsonObject { ["message"] = "scripted failure", ["code"] = 0 });
            }

            return;
        }

        context.Response.Headers["X-RateLimit-Limit"] = "5";
        context.Response.Headers["X-RateLimit-Remaining"] = "4";
        context.Response.Headers["X-RateLimit-Reset-After"] = "1.0";
        switch (template)
        {
            case "/gateway/bot":
                await WriteAsync(context, 200, new JsonObject
                {
                    ["url"] = GatewayUrl,
                    ["shards"] = RecommendedShards,
                    ["session_start_limit"] = new JsonObject { ["total"] = 1000, ["remaining"] = 999, ["reset_after"] = 14_400_000, ["max_concurrency"] = MaxConcurrency },
                });
                break;
            case "/applications/{application_id}/commands" or "/applications/{application_id}/guilds/{guild_id}/commands":
                await WriteAsync(context, 200, JsonNode.Parse(body.Length == 0 ? "[]" : body)!);
                break;
            case "/interactions/{interaction_id}/{interaction_token}/callback":
            case "/webhooks/{webhook_id}/{webhook_token}/messages/@original" when method == "DELETE":
                context.Response.StatusCode = 204;
                break;
            default:
                await WriteAsync(context, 200, new JsonObject { ["id"] = request.ResponseId ?? NextMessageId(), ["channel_id"] = "4400000000000000004" });
                break;
        }
    }

    /// <summary>Takes the first scripted failure of this method and route, if any.</summary>
    private (bool Failed, (string Method, string Template, int Status, double RetryAfter, bool Global) Failure) TakeFailure(string method, string? template)
    {
        lock (_failures)
        {
            var index = _failures.FindIndex(f => f.Method == method && f.Template == template);
            if (index < 0)
            {
                return default;
            }

            var failure = _failures[index];
            _failures.RemoveAt(index);
            return (true, failure);
        }
    }

    private static bool CreatesOrEditsMessage(string method, string? template) =>
        (method == "POST" && template is "/channels/{channel_id}/messages" or "/webhooks/{webhook_id}/{webhook_token}")
        || (method == "PATCH" && template == "/webhooks/{webhook_id}/{webhook_token}/messages/@original");

    /// <summary>Message ids are unique for the life of the server (the gateway sequence restarts on every IDENTIFY).</summary>
    private string NextMessageId() => "9" + Interlocked.Increment(ref _messageIds).ToString("D18", System.Globalization.CultureInfo.InvariantCulture);

    private static string? TemplateOf(string path)
    {
        if (!path.StartsWith("/api/v10", StringComparison.Ordinal))
        {
            return null;
        }

        var p = path["/api/v10".Length..];
        if (p == "/gateway/bot")
        {
            return p;
        }

        if (GuildCommands().IsMatch(p))
        {
            return "/applications/{application_id}/guilds/{guild_id}/commands";
        }

        if (GlobalCommands().IsMatch(p))
        {
            return "/applications/{application_id}/commands";
        }

        if (Callback().IsMatch(p))
        {
            return "/interactions/{interaction_id}/{interaction_token}/callback";
        }

        if (Original().IsMatch(p))
        {
            return "/webhooks/{webhook_id}/{webhook_token}/messages/@original";
        }

        if (Webhook().IsMatch(p))
        {
            return "/webhooks/{webhook_id}/{webhook_token}";
        }

        return ChannelMessages().IsMatch(p) ? "/channels/{channel_id}/messages" : p;
    }

    private static async Task WriteAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [GeneratedRegex(@"^/applications/\d+/guilds/\d+/commands$")]
    private static partial Regex GuildCommands();

    [GeneratedRegex(@"^/applications/\d+/commands$")]
    private static partial Regex GlobalCommands();

    [GeneratedRegex(@"^/interactions/\d+/[^/]+/callback$")]
    private static partial Regex Callback();

    [GeneratedRegex(@"^/webhooks/\d+/[^/]+/messages/@original$")]
    private static partial Regex Original();

    [GeneratedRegex(@"^/webhooks/\d+/[^/]+$")]
    private static partial Regex Webhook();

    [GeneratedRegex(@"^/channels/\d+/messages$")]
    private static partial Regex ChannelMessages();
}
