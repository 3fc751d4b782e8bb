using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace ChatBot.TestKit.Slack;

/// <summary>The server side of one Socket Mode connection: send envelopes, read the client's acks.</summary>
public sealed class FakeSlackSocket(WebSocket socket, int index) : IDisposable
{
    private readonly Channel<JsonObject> _received = Channel.CreateUnbounded<JsonObject>();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>0 for the first connection the server accepted, 1 for the next…</summary>
    public int Index { get; } = index;

    /// <summary>Completes when the client closed the socket.</summary>
    public Task Closed => _closed.Task;

    public bool IsClosed => _closed.Task.IsCompleted;

    /// <summary>How many earlier connections were still open when this one was accepted.</summary>
    public int OpenBefore { get; internal set; }

    public async Task SendAsync(JsonObject message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Sends any text frame as is (hostile-input tests).</summary>
    public async Task SendRawAsync(string text, CancellationToken cancellationToken = default)
    {
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>The next message the client sent (an ack), within the timeout.</summary>
    public async Task<JsonObject> ReceiveAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        return await _received.Reader.ReadAsync(cts.Token);
    }

    /// <summary>Closes from the server side (an unexpected drop, as far as the client knows).</summary>
    public async Task DropAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.EndpointUnavailable, "gone", cts.Token);
        }
        catch (WebSocketException)
        {
        }
    }

    public void Dispose() => _sendLock.Dispose();

    internal async Task RunAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (socket.State == WebSocketState.Open || socket.State == WebSocketState.CloseSent)
            {
                var result = await socket.ReceiveAsync(buffer, cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    if (socket.State == WebSocketState.CloseReceived)
                    {
                        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", cancellationToken);
                    }

                    break;
                }

                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    if (JsonNode.Parse(message.ToArray()) is JsonObject json)
                    {
                        _received.Writer.TryWrite(json);
                    }

                    message.SetLength(0);
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
        }
        finally
        {
            _closed.TrySetResult();
        }
    }
}
