using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using ChatBot.TestKit.Discord;

namespace ChatBot.Soak;

/// <summary>
/// Asks questions as slash-command interactions on the fake Discord gateway and reads the bot's REST calls back:
/// the deferred callback is the acknowledgement, the edit of @original the answer (or the "busy" refusal).
/// An interaction sent on a connection that dropped before the bot acknowledged it is delivered again on the next
/// live connection, as Discord replays missed events on RESUME; the bot's dedupe by interaction id must hold.
/// </summary>
public sealed class DiscordLoad(FakeDiscordServer server, QuestionLedger ledger) : PlatformLoad
{
    public const string Platform = "discord";
    private const string CallbackTemplate = "/interactions/{interaction_id}/{interaction_token}/callback";
    private const string OriginalTemplate = "/webhooks/{webhook_id}/{webhook_token}/messages/@original";
    private const string FollowUpTemplate = "/webhooks/{webhook_id}/{webhook_token}";
    private readonly ConcurrentQueue<TrackedQuestion> _pending = new();
    private readonly ConcurrentDictionary<string, JsonObject> _payloads = new(StringComparer.Ordinal);
    private readonly Lock _sendGate = new();
    private FakeGatewayConnection? _live;
    private int _cursor;
    private long _nextId = 3_300_000_000_000_100_000;
    private int _redelivered;
    private int _rawSequence;
    private int _held;
    private int _connections;

    public FakeDiscordServer Server => server;

    /// <summary>The connection events go to (null while the bot is reconnecting).</summary>
    public FakeGatewayConnection? Live => Volatile.Read(ref _live);

    public int Redelivered => Volatile.Read(ref _redelivered);

    public int HeldWhileDown => Volatile.Read(ref _held);

    /// <summary>Connections that reached READY or RESUMED.</summary>
    public int LiveConnections => Volatile.Read(ref _connections);

    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(WatchConnectionsAsync(cancellationToken), MonitorAsync(cancellationToken));

    /// <summary>Stops sending to a connection a fault is about to break.</summary>
    public void MarkDown(FakeGatewayConnection connection) => Interlocked.CompareExchange(ref _live, null, connection);

    /// <summary>Waits until a connection other than <paramref name="previous"/> is live.</summary>
    public async Task<FakeGatewayConnection?> WaitLiveAsync(FakeGatewayConnection? previous, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var until = DateTimeOffset.UtcNow + timeout;
        while (DateTimeOffset.UtcNow < until && !cancellationToken.IsCancellationRequested)
        {
            if (Live is { } live && live != previous && !live.IsClosed)
            {
                return live;
            }

            await Task.Delay(25, cancellationToken);
        }

        return null;
    }

    public Task AskAsync(string text, string user, string channel, bool mayBeIgnored = false) =>
        SendAsync(Create(FakeDiscordServer.Interaction("0", "ask", [new JsonObject { ["name"] = "question", ["type"] = 3, ["value"] = text }]), user, channel, text, mayBeIgnored));

    /// <summary>Sends an arbitrary (possibly hostile) interaction payload; its "id" is replaced by a fresh one unless <paramref name="keepId"/>.</summary>
    public Task<TrackedQuestion> SendPayloadAsync(JsonObject payload, string label, bool mayBeIgnored, bool keepId = false)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var question = keepId && (string?)payload["id"] is { } id
            ? ledger.Find(Platform, id) ?? ledger.Add(new TrackedQuestion(Platform, id, label) { MayBeIgnored = mayBeIgnored })
            : Create(payload, null, null, label, mayBeIgnored);
        if (keepId)
        {
            _payloads[question.Key] = payload;
        }

        return SendAsync(question).ContinueWith(_ => question, TaskScheduler.Default);
    }

    /// <summary>Sends an interaction as a raw frame after <paramref name="mutate"/> rewrote its JSON text (lone surrogates…).</summary>
    public async Task<TrackedQuestion> SendMutatedAsync(JsonObject payload, string label, Func<string, string> mutate, bool mayBeIgnored)
    {
        ArgumentNullException.ThrowIfNull(mutate);
        var question = Create(payload, null, null, label, mayBeIgnored);
        if (Live is { } live)
        {
            question.Sent(DateTimeOffset.UtcNow, live);
            var frame = new JsonObject { ["op"] = 0, ["t"] = "INTERACTION_CREATE", ["s"] = 1_000_000 + Interlocked.Increment(ref _rawSequence), ["d"] = payload.DeepClone() };
            await live.SendRawAsync(mutate(frame.ToJsonString()));
        }

        return question;
    }

    private TrackedQuestion Create(JsonObject payload, string? user, string? channel, string text, bool mayBeIgnored)
    {
        var id = Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
        if (payload.ContainsKey("id"))
        {
            payload["id"] = id;
        }

        if (payload.ContainsKey("token"))
        {
            payload["token"] = "tok-" + id;
        }

        if (user is not null && payload["member"]?["user"] is JsonObject u)
        {
            u["id"] = user;
        }

        if (channel is not null)
        {
            payload["channel_id"] = channel;
        }

        _payloads[id] = payload;
        return ledger.Add(new TrackedQuestion(Platform, id, text) { MayBeIgnored = mayBeIgnored });
    }

    private async Task SendAsync(TrackedQuestion question)
    {
        FakeGatewayConnection? connection;
        lock (_sendGate)
        {
            connection = Live;
            if (connection is null || connection.IsClosed)
            {
                _pending.Enqueue(question);
                Interlocked.Increment(ref _held);
                return;
            }

            question.Sent(DateTimeOffset.UtcNow, connection);
        }

        await connection.DispatchAsync("INTERACTION_CREATE", _payloads[question.Key].DeepClone());
    }

    private async Task WatchConnectionsAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            FakeGatewayConnection connection;
            try
            {
                connection = await server.NextConnectionAsync(TimeSpan.FromDays(1)).WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            _ = PromoteAsync(connection, cancellationToken);
        }
    }

    /// <summary>A connection is live once the bot identified or resumed on it (READY/RESUMED follow at once).</summary>
    private async Task PromoteAsync(FakeGatewayConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            while (!connection.IsClosed && !cancellationToken.IsCancellationRequested)
            {
                bool started;
                lock (connection.Received)
                {
                    started = connection.Received.Any(f => f.GetProperty("op").GetInt32() is 2 or 6);
                }

                if (started)
                {
                    await Task.Delay(50, cancellationToken);
                    Volatile.Write(ref _live, connection);
                    Interlocked.Increment(ref _connections);
                    await FlushPendingAsync();
                    return;
                }

                await Task.Delay(20, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task FlushPendingAsync()
    {
        var count = _pending.Count;
        for (var i = 0; i < count && _pending.TryDequeue(out var question); i++)
        {
            await SendAsync(question);
        }
    }

    protected override void ReadRepliesLocked()
    {
        var requests = server.RequestsSince(_cursor);
        _cursor += requests.Count;
        foreach (var r in requests.Where(r => r.Status < 400))
        {
            var parts = r.Path.Split('/');
            if (r.Method == "POST" && r.Template == CallbackTemplate && ledger.Find(Platform, parts[^3]) is { } acked)
            {
                acked.Acknowledged(r.At);
                if (r.Body.Contains("\"type\":4", StringComparison.Ordinal))
                {
                    // A direct answer in the callback itself (refusals, unreadable requests).
                    acked.Replied(r.At, r.Body);
                }
            }
            else if (r.Method == "PATCH" && r.Template == OriginalTemplate && ledger.Find(Platform, IdOf(parts[^3])) is { } edited)
            {
                // With a model configured the answer grows in several edits of the same message (streaming): the
                // message is one answer however often it is edited. A second handling shows as a second callback.
                edited.Edited(r.At, r.Body);
            }
            else if (r.Method == "POST" && r.Template == FollowUpTemplate && ledger.Find(Platform, IdOf(parts[^1])) is { ReplyCount: 0 } q)
            {
                q.Replied(r.At, r.Body);
            }
        }
    }

    private static string IdOf(string token) => token.StartsWith("tok-", StringComparison.Ordinal) ? token[4..] : token;

    protected override async Task RedeliverAsync()
    {
        if (Live is not { } live)
        {
            return;
        }

        await FlushPendingAsync();
        var stale = DateTimeOffset.UtcNow - TimeSpan.FromSeconds(1.5);
        foreach (var question in ledger.Of(Platform).Where(q => q.AckAt is null && q.Deliveries > 0 && q.LastSentAt < stale
            && q.Connection is FakeGatewayConnection c && c != live && c.IsClosed))
        {
            Interlocked.Increment(ref _redelivered);
            await SendAsync(question);
        }
    }
}
