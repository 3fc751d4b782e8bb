using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using ChatBot.Core.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ChatBot.TestKit.Slack;

/// <summary>
/// A fake Slack on 127.0.0.1 (Kestrel) speaking the wire format of protocols.md part B: the Web API
/// (auth.test, apps.connections.open, chat.postMessage, chat.update, chat.postEphemeral, chat.delete,
/// conversations.replies; each call's arguments checked against the official spec), Socket Mode WebSockets at /link
/// (hello on connect), and response_url endpoints at /respond/{id}. Records every request for assertions.
/// </summary>
public sealed partial class FakeSlackServer : IAsyncDisposable
{
    public const string BotUserId = "U0BOTUSER";
    public const string BotId = "B0BOTID01";
    public const string TeamId = "T061EG9RZ";

    private KestrelListener _listener = null!;
    private readonly List<RecordedSlackRequest> _requests = [];
    private readonly List<(Func<RecordedSlackRequest, bool> Match, TaskCompletionSource<RecordedSlackRequest> Done)> _requestWaiters = [];
    private readonly List<FakeSlackSocket> _sockets = [];
    private int _nextSocketIndex;
    private readonly List<(int Index, TaskCompletionSource<FakeSlackSocket> Done)> _socketWaiters = [];
    private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> _rateLimits = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _gate = new();
    private long _ts = 1_700_000_200;

    /// <summary>A queued "let this call through" (a real Retry-After is at least 1 s).</summary>
    private const int PassThrough = -1;


    public Uri BaseUrl { get; private set; } = null!;

    public Uri ApiBaseUrl => new(BaseUrl, "api/");

    /// <summary>How long apps.connections.open takes to answer (a slow Slack).</summary>
    public TimeSpan ConnectionsOpenDelay { get; set; }

    /// <summary>How long a new Socket Mode connection waits before its hello (a slow connection).</summary>
    public TimeSpan HelloDelay { get; set; }

    /// <summary>The reply to auth.test; set "invalid_auth" to refuse the token.</summary>
    public string? AuthError { get; set; }

    public static async Task<FakeSlackServer> StartAsync()
    {
        var server = new FakeSlackServer();
        server._listener = await KestrelListener.StartAsync(["http://127.0.0.1:0"], maxRequestBodyBytes: null, app =>
        {
            app.UseWebSockets();
            app.MapMethods("/api/{method}", ["GET", "POST"], (Delegate)server.HandleApiAsync);
            app.MapPost("/respond/{id}", (Delegate)server.HandleRespondAsync);
            app.Map("/link", (Delegate)server.HandleSocketAsync);
        }, CancellationToken.None);
        server.BaseUrl = new Uri(server._listener.Urls[0].TrimEnd('/') + "/");
        return server;
    }

    public Uri ResponseUrl(string id) => new(BaseUrl, "respond/" + id);

    /// <summary>
    /// The next <paramref name="times"/> calls of a method answer HTTP 429 with Retry-After; with <paramref name="channel"/>,
    /// only the calls whose body names that channel (the others go through).
    /// </summary>
    public void RateLimitNext(string method, int retryAfterSeconds, int times = 1, string? channel = null)
    {
        var queue = _rateLimits.GetOrAdd(RateLimitKey(method, channel), _ => new ConcurrentQueue<int>());
        for (var i = 0; i < times; i++)
        {
            queue.Enqueue(retryAfterSeconds);
        }
    }

    /// <summary>
    /// Lets the next call of a method (to <paramref name="channel"/>, when given) through: queued before
    /// <see cref="RateLimitNext"/>, it makes the 429s hit the call after it.
    /// </summary>
    public void PassNext(string method, string? channel = null) =>
        _rateLimits.GetOrAdd(RateLimitKey(method, channel), _ => new ConcurrentQueue<int>()).Enqueue(PassThrough);

    public IReadOnlyList<RecordedSlackRequest> Requests(string method)
    {
        lock (_gate)
        {
            return _requests.Where(r => r.Method == method).ToList();
        }
    }

    /// <summary>The first recorded request (past or future) that matches, within the timeout.</summary>
    public Task<RecordedSlackRequest> WaitForRequestAsync(Func<RecordedSlackRequest, bool> match, TimeSpan timeout)
    {
        lock (_gate)
        {
            var found = _requests.FirstOrDefault(match);
            if (found is not null)
            {
                return Task.FromResult(found);
            }

            var done = new TaskCompletionSource<RecordedSlackRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
            _requestWaiters.Add((match, done));
            return done.Task.WaitAsync(timeout);
        }
    }

    /// <summary>The index-th Socket Mode connection (0-based) once it has been sent hello.</summary>
    public Task<FakeSlackSocket> WaitForSocketAsync(int index, TimeSpan timeout)
    {
        lock (_gate)
        {
            if (_sockets.FirstOrDefault(s => s.Index == index) is { } open)
            {
                return Task.FromResult(open);
            }

            var done = new TaskCompletionSource<FakeSlackSocket>(TaskCreationOptions.RunContinuationsAsynchronously);
            _socketWaiters.Add((index, done));
            return done.Task.WaitAsync(timeout);
        }
    }

    /// <summary>Every Socket Mode connection accepted so far, in order.</summary>
    public IReadOnlyList<FakeSlackSocket> Sockets
    {
        get
        {
            lock (_gate)
            {
                return _sockets.OrderBy(s => s.Index).ToList();
            }
        }
    }

    /// <summary>Requests recorded after the first <paramref name="skip"/> (all methods, in arrival order).</summary>
    public IReadOnlyList<RecordedSlackRequest> RequestsSince(int skip)
    {
        lock (_gate)
        {
            return skip >= _requests.Count ? [] : _requests.GetRange(skip, _requests.Count - skip);
        }
    }

    public int SocketCount
    {
        get
        {
            lock (_gate)
            {
                return _sockets.Count;
            }
        }
    }

    private async Task<IResult> HandleRespondAsync(HttpContext context, string id)
    {
        Record(context, "response_url", await ReadBodyAsync(context), StatusCodes.Status200OK, null);
        return Results.Text("ok");
    }

    private async Task HandleSocketAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var webSocket = await context.WebSockets.AcceptWebSocketAsync();
        FakeSlackSocket socket;
        lock (_gate)
        {
            // The index is reserved here, under the lock: two connections accepted at once must not share one.
            socket = new FakeSlackSocket(webSocket, _nextSocketIndex++) { OpenBefore = _sockets.Count(s => !s.IsClosed) };
        }

        var run = socket.RunAsync(_stopping.Token);
        if (HelloDelay > TimeSpan.Zero)
        {
            await Task.Delay(HelloDelay, _stopping.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        await socket.SendAsync(new JsonObject
        {
            ["type"] = "hello",
            ["num_connections"] = socket.Index + 1,
            ["debug_info"] = new JsonObject { ["host"] = "applink-fake-" + socket.Index, ["approximate_connection_time"] = 3600 },
            ["connection_info"] = new JsonObject { ["app_id"] = "A0123ABCD" },
        });
        lock (_gate)
        {
            _sockets.Add(socket);
            foreach (var waiter in _socketWaiters.Where(w => w.Index == socket.Index).ToList())
            {
                _socketWaiters.Remove(waiter);
                waiter.Done.TrySetResult(socket);
            }
        }

        await run;
    }

    private static async Task<string> ReadBodyAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        return await reader.ReadToEndAsync();
    }

    private void Record(HttpContext context, string method, string body, int status, string? ts, IReadOnlyList<string>? specProblems = null)
    {
        var recorded = new RecordedSlackRequest(method, context.Request.Headers.Authorization, context.Request.ContentType, body, DateTimeOffset.UtcNow)
        {
            Status = status,
            Path = context.Request.Path.Value ?? string.Empty,
            ResponseTs = ts,
            HttpMethod = context.Request.Method,
            Query = context.Request.QueryString.Value ?? string.Empty,
            SpecProblems = specProblems ?? [],
        };
        lock (_gate)
        {
            _requests.Add(recorded);
            foreach (var waiter in _requestWaiters.Where(w => w.Match(recorded)).ToList())
            {
                _requestWaiters.Remove(waiter);
                waiter.Done.TrySetResult(recorded);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _listener.StopAsync(CancellationToken.None);
        await _listener.DisposeAsync();
        _stopping.Dispose();
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }
    }
}
