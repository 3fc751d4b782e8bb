using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace ChatBot.TestKit.Discord;

/// <summary>One client connection to the fake gateway: what the bot sent, and a way to send it events.</summary>
public sealed class FakeGatewayConnection : IDisposable
{
    private readonly WebSocket _socket;
    private readonly FakeDiscordServer _server;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly Channel<JsonElement> _frames = Channel.CreateUnbounded<JsonElement>();
    private readonly TaskCompletionSource<int?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal FakeGatewayConnection(WebSocket socket, FakeDiscordServer server, int number)
    {
        _socket = socket;
        _server = server;
        Number = number;
    }

    public int Number { get; }

    /// <summary>The shard this connection identified as (null before IDENTIFY or on a resumed connection).</summary>
    public int? Shard { get; internal set; }

    /// <summary>The session the fake gave this connection on IDENTIFY.</summary>
    public string? SessionId { get; internal set; }

    public void Dispose() => _sendLock.Dispose();

    /// <summary>Every frame the bot sent on this connection, in order.</summary>
    public List<JsonElement> Received { get; } = [];

    /// <summary>Completes with the close code the bot sent (null when the socket just dropped).</summary>
    public Task<int?> Closed => _closed.Task;

    /// <summary>Waits for the next frame with this op (earlier frames of other ops are skipped).</summary>
    public async Task<JsonElement> WaitForOpAsync(int op, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(5));
        while (true)
        {
            var frame = await _frames.Reader.ReadAsync(cts.Token);
            if (frame.GetProperty("op").GetInt32() == op)
            {
                return frame;
            }
        }
    }

    public Task SendAsync(JsonNode payload) => SendTextAsync(payload.ToJsonString());

    /// <summary>Sends any text frame as is (hostile-input tests: not JSON, lone surrogates, deep nesting).</summary>
    public Task SendRawAsync(string text) => SendTextAsync(text);

    /// <summary>True once the socket has closed either way.</summary>
    public bool IsClosed => _closed.Task.IsCompleted;

    /// <summary>Sends an op 0 dispatch with the next sequence number of the session.</summary>
    public Task DispatchAsync(string eventName, JsonNode data) =>
        SendAsync(new JsonObject { ["op"] = 0, ["t"] = eventName, ["s"] = _server.NextSequence(), ["d"] = data });

    public async Task CloseAsync(int code, string reason)
    {
        await _sendLock.WaitAsync();
        try
        {
            await _socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, CancellationToken.None);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    internal async Task SendTextAsync(string text)
    {
        await _sendLock.WaitAsync();
        try
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);
            }
        }
        finally
        {
            _sendLock.Release();
        }
    }

    internal async Task RunAsync(CancellationToken cancellationToken)
    {
        await SendAsync(new JsonObject { ["op"] = 10, ["d"] = new JsonObject { ["heartbeat_interval"] = _server.HeartbeatIntervalMilliseconds } });
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer, cancellationToken);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        _closed.TrySetResult((int?)result.CloseStatus);
                        if (_socket.State == WebSocketState.CloseReceived)
                        {
                            await _sendLock.WaitAsync(cancellationToken);
                            try
                            {
                                await _socket.CloseOutputAsync(result.CloseStatus ?? WebSocketCloseStatus.NormalClosure, null, cancellationToken);
                            }
                            finally
                            {
                                _sendLock.Release();
                            }
                        }

                        return;
                    }

                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);

                var frame = JsonDocument.Parse(message.ToArray()).RootElement.Clone();
                lock (Received)
                {
                    Received.Add(frame);
                }

                await _server.OnFrameAsync(this, frame);
                _frames.Writer.TryWrite(frame);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            _closed.TrySetResult(null);
        }
        finally
        {
            _frames.Writer.TryComplete();
        }
    }
}
