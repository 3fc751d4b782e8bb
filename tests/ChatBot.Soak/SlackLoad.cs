using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using ChatBot.TestKit.Slack;

namespace ChatBot.Soak;

/// <summary>
/// Asks questions as app_mention events over the fake Slack's Socket Mode connections and reads back the
/// envelope acks (the acknowledgement) and the chat.postMessage in the mention's thread (the answer; a "busy" or failure
/// reply is a chat.postEphemeral to the asker there). An event
/// on a socket that closed before its ack is delivered again on another socket with retry_attempt + 1, as Slack
/// retries unacknowledged events; the bot's dedupe by event_id must hold.
/// </summary>
public sealed class SlackLoad(FakeSlackServer server, QuestionLedger ledger) : PlatformLoad
{
    public const string Platform = "slack";
    private readonly ConcurrentQueue<TrackedQuestion> _pending = new();
    private readonly ConcurrentDictionary<string, JsonObject> _payloads = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TrackedQuestion> _envelopes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<FakeSlackSocket, bool> _draining = new();
    private readonly List<FakeSlackSocket> _sockets = [];
    private readonly ConcurrentDictionary<string, DateTimeOffset> _acked = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _repliesByToken = new(StringComparer.Ordinal);
    private int _cursor;
    private long _next;
    private int _redelivered;
    private int _held;
    private int _duplicated;

    public FakeSlackServer Server => server;

    public int Redelivered => Volatile.Read(ref _redelivered);

    public int HeldWhileDown => Volatile.Read(ref _held);

    /// <summary>
    /// Every this many questions (0: none), the event also goes at once to a second Socket Mode connection, as a retry
    /// of Slack's can land on any connection of the app: with several replicas, often on another replica.
    /// </summary>
    public int DuplicateEvery { get; set; }

    /// <summary>Questions sent to two connections on purpose (<see cref="DuplicateEvery"/>).</summary>
    public int Duplicated => Volatile.Read(ref _duplicated);

    /// <summary>Replies to tracked questions by the bot token that posted them (one token per replica).</summary>
    public IReadOnlyDictionary<string, int> RepliesByToken => new Dictionary<string, int>(_repliesByToken, StringComparer.Ordinal);

    public int SocketsOpened
    {
        get
        {
            lock (_sockets)
            {
                return _sockets.Count;
            }
        }
    }

    /// <summary>True once the bot acknowledged this envelope id (any envelope, tracked or not).</summary>
    public bool WasAcked(string envelopeId) => _acked.ContainsKey(envelopeId);

    /// <summary>Asks with an explicit event id and ts (a redelivery of the same event is a duplicate).</summary>
    public Task<TrackedQuestion> AskAsAsync(string eventId, string ts, string text, bool mayBeIgnored = false)
    {
        var payload = SlackPayloads.AppMention(eventId, ts, text, user: "UFUZZ0001");
        payload["event"]!["channel"] = "CFUZZ0001";
        _payloads[ts] = payload;
        var question = ledger.Find(Platform, ts) ?? ledger.Add(new TrackedQuestion(Platform, ts, text) { MayBeIgnored = mayBeIgnored });
        return SendAsync(question).ContinueWith(_ => question, TaskScheduler.Default);
    }

    public IReadOnlyList<FakeSlackSocket> LiveSockets
    {
        get
        {
            lock (_sockets)
            {
                return _sockets.Where(s => !s.IsClosed && !_draining.ContainsKey(s)).ToList();
            }
        }
    }

    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(WatchSocketsAsync(cancellationToken), MonitorAsync(cancellationToken));

    /// <summary>Stops sending to a socket a fault is about to end.</summary>
    public void MarkDraining(FakeSlackSocket socket) => _draining[socket] = true;

    public async Task<bool> WaitLiveAsync(int count, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var until = DateTimeOffset.UtcNow + timeout;
        while (DateTimeOffset.UtcNow < until)
        {
            if (LiveSockets.Count >= count)
            {
                return true;
            }

            await Task.Delay(25, cancellationToken);
        }

        return false;
    }

    public Task AskAsync(string text, string user, string channel, bool mayBeIgnored = false)
    {
        var n = Interlocked.Increment(ref _next);
        var ts = (1_800_000_000 + n).ToString(CultureInfo.InvariantCulture) + ".000100";
        var payload = SlackPayloads.AppMention("EvSoak" + n.ToString(CultureInfo.InvariantCulture), ts, text, user: user);
        payload["event"]!["channel"] = channel;
        _payloads[ts] = payload;
        var question = ledger.Add(new TrackedQuestion(Platform, ts, text) { MayBeIgnored = mayBeIgnored });
        return DuplicateEvery > 0 && n % DuplicateEvery == 0 ? SendTwiceAsync(question) : SendAsync(question);
    }

    /// <summary>Sends the event on one connection and its retry (retry_attempt 1) on another; the bot must answer once.</summary>
    private async Task SendTwiceAsync(TrackedQuestion question)
    {
        var live = LiveSockets;
        if (live.Count < 2)
        {
            await SendAsync(question);
            return;
        }

        var first = Random.Shared.Next(live.Count);
        var second = (first + 1 + Random.Shared.Next(live.Count - 1)) % live.Count;
        Interlocked.Increment(ref _duplicated);
        foreach (var socket in new[] { live[first], live[second] })
        {
            var envelopeId = "env-" + question.Key + "-" + question.Deliveries.ToString(CultureInfo.InvariantCulture);
            _envelopes[envelopeId] = question;
            var retry = question.Deliveries;
            question.Sent(DateTimeOffset.UtcNow, socket);
            try
            {
                await socket.SendAsync(SlackPayloads.Envelope(envelopeId, "events_api", (JsonObject)_payloads[question.Key].DeepClone(), retry));
            }
            catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or IOException or InvalidOperationException)
            {
                // The socket closed under us; the monitor delivers it again.
            }
        }
    }

    /// <summary>Sends a hostile envelope (or a raw frame) on a live socket; returns false when no socket was live.</summary>
    public async Task<bool> SendRawAsync(string frame)
    {
        if (LiveSockets is not [var socket, ..])
        {
            return false;
        }

        await socket.SendRawAsync(frame);
        return true;
    }

    /// <summary>Sends an envelope the harness tracks by its envelope id (acked or not), without a question.</summary>
    public async Task<string?> SendEnvelopeAsync(JsonObject envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (LiveSockets is not [var socket, ..])
        {
            return null;
        }

        await socket.SendAsync(envelope);
        return (string?)envelope["envelope_id"];
    }

    private async Task SendAsync(TrackedQuestion question)
    {
        var live = LiveSockets;
        if (live.Count == 0)
        {
            _pending.Enqueue(question);
            Interlocked.Increment(ref _held);
            return;
        }

        var socket = live[Random.Shared.Next(live.Count)];
        var envelopeId = "env-" + question.Key + "-" + question.Deliveries.ToString(CultureInfo.InvariantCulture);
        _envelopes[envelopeId] = question;
        question.Sent(DateTimeOffset.UtcNow, socket);
        try
        {
            await socket.SendAsync(SlackPayloads.Envelope(envelopeId, "events_api", (JsonObject)_payloads[question.Key].DeepClone(), question.Deliveries - 1));
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or IOException or InvalidOperationException)
        {
            // The socket closed under us; the monitor delivers it again.
        }
    }

    private async Task WatchSocketsAsync(CancellationToken cancellationToken)
    {
        for (var index = 0; !cancellationToken.IsCancellationRequested; index++)
        {
            FakeSlackSocket socket;
            try
            {
                socket = await server.WaitForSocketAsync(index, TimeSpan.FromDays(1)).WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            lock (_sockets)
            {
                _sockets.Add(socket);
            }

            _ = ReadAcksAsync(socket, cancellationToken);
        }
    }

    private async Task ReadAcksAsync(FakeSlackSocket socket, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var message = await socket.ReceiveAsync(TimeSpan.FromSeconds(1));
                if ((string?)message["envelope_id"] is { } id)
                {
                    _acked[id] = DateTimeOffset.UtcNow;
                }

                if ((string?)message["envelope_id"] is { } envelope && _envelopes.TryGetValue(envelope, out var question))
                {
                    question.Acknowledged(DateTimeOffset.UtcNow);
                }
            }
            catch (OperationCanceledException)
            {
                if (socket.IsClosed)
                {
                    return;
                }
            }
        }
    }

    protected override void ReadRepliesLocked()
    {
        var requests = server.RequestsSince(_cursor);
        _cursor += requests.Count;
        foreach (var r in requests.Where(r => r.Method is "chat.postMessage" or "chat.postEphemeral" && r.Status == 200))
        {
            if (r.ThreadTs is { } thread && ledger.Find(Platform, thread) is { } question)
            {
                question.Replied(r.At, r.AllText);
                _repliesByToken.AddOrUpdate(r.Authorization?.Replace("Bearer ", string.Empty, StringComparison.Ordinal) ?? "?", 1, (_, n) => n + 1);
            }
        }
    }

    protected override async Task RedeliverAsync()
    {
        if (LiveSockets.Count == 0)
        {
            return;
        }

        var count = _pending.Count;
        for (var i = 0; i < count && _pending.TryDequeue(out var held); i++)
        {
            await SendAsync(held);
        }

        var stale = DateTimeOffset.UtcNow - TimeSpan.FromSeconds(1.5);
        foreach (var question in ledger.Of(Platform).Where(q => q.AckAt is null && q.Deliveries > 0 && q.LastSentAt < stale
            && q.Connection is FakeSlackSocket s && (s.IsClosed || _draining.ContainsKey(s))))
        {
            Interlocked.Increment(ref _redelivered);
            await SendAsync(question);
        }
    }
}
