using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Slack.Inbound;
using ChatBot.Slack.Logging;
using Microsoft.Extensions.Logging;

namespace ChatBot.Slack.Socket;

/// <summary>
/// One Socket Mode WebSocket (protocols.md B1): waits for hello, acknowledges every envelope on this socket
/// before the work is done (the inbox queues it), and reports Slack's disconnect reason or the socket's end.
/// </summary>
internal sealed class SlackSocketConnection : IAsyncDisposable
{
    public const string Closed = "closed";
    private static readonly TimeSpan HelloTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    private readonly ClientWebSocket _socket = new();
    private readonly int _slot;
    private readonly SlackInbox _inbox;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<string?> _hello = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> _disconnect = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _receiveLoop = Task.CompletedTask;
    private int _disposed;

    private SlackSocketConnection(int slot, SlackInbox inbox, ILogger logger)
    {
        _slot = slot;
        _inbox = inbox;
        _logger = logger;
        _socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(10);
        _socket.Options.KeepAliveTimeout = TimeSpan.FromSeconds(10);
    }

    /// <summary>Completes with Slack's disconnect reason, or <see cref="Closed"/> when the socket ends.</summary>
    public Task<string> Disconnected => _disconnect.Task;

    /// <summary>Connects and waits for hello; the connection is live when this returns.</summary>
    public static async Task<SlackSocketConnection> ConnectAsync(Uri url, int slot, SlackInbox inbox, ILogger logger, CancellationToken cancellationToken)
    {
        var connection = new SlackSocketConnection(slot, inbox, logger);
        try
        {
            await connection._socket.ConnectAsync(url, cancellationToken);
            connection._receiveLoop = connection.ReceiveLoopAsync(connection._stop.Token);
            var host = await connection._hello.Task.WaitAsync(HelloTimeout, cancellationToken);
            SlackLog.SocketLive(logger, slot, host);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var result = await _socket.ReceiveAsync(buffer, cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }

                if (result.MessageType == WebSocketMessageType.Text)
                {
                    await HandleFrameAsync(message.ToArray(), cancellationToken);
                }

                message.SetLength(0);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The socket ended; the owner reconnects.
        }
        finally
        {
            _hello.TrySetException(new WebSocketException("The Socket Mode connection closed before hello."));
            _disconnect.TrySetResult(Closed);
        }
    }

    private async Task HandleFrameAsync(byte[] frame, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(frame);
        }
        catch (JsonException ex)
        {
            SlackLog.BadFrame(_logger, ex.Message);
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            var type = SlackInbox.Text(root, "type");
            var envelopeId = SlackInbox.Text(root, "envelope_id");
            if (type == "hello")
            {
                var host = root.TryGetProperty("debug_info", out var debug) ? SlackInbox.Text(debug, "host") : null;
                _hello.TrySetResult(host);
            }

            JsonObject? response = null;
            if (envelopeId is not null && SlackInbox.KindOf(type) is { } kind && root.TryGetProperty("payload", out var payload))
            {
                response = _inbox.Accept(kind, payload, envelopeId);
            }

            if (envelopeId is not null)
            {
                var ack = new JsonObject { ["envelope_id"] = envelopeId };
                if (response is not null && root.TryGetProperty("accepts_response_payload", out var accepts) && accepts.ValueKind == JsonValueKind.True)
                {
                    ack["payload"] = response;
                }

                await SendAsync(ack.ToJsonString(), cancellationToken);
                var retry = root.TryGetProperty("retry_attempt", out var attempt) && attempt.ValueKind == JsonValueKind.Number ? attempt.GetInt32() : 0;
                SlackLog.EnvelopeAcked(_logger, envelopeId, type ?? "?", retry, _slot);
            }

            if (type == "disconnect")
            {
                _disconnect.TrySetResult(SlackInbox.Text(root, "reason") ?? "unknown");
            }
        }
    }

    private async Task SendAsync(string text, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Closes the socket (normal closure), letting the receive loop read what is still in flight, then frees it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(CloseTimeout);
                await _sendLock.WaitAsync(timeout.Token);
                try
                {
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
                }
                finally
                {
                    _sendLock.Release();
                }
            }

            await _receiveLoop.WaitAsync(CloseTimeout);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or TimeoutException or IOException)
        {
            // Closing is best effort.
        }
        finally
        {
            await _stop.CancelAsync();
            _socket.Abort();
            _socket.Dispose();
            _stop.Dispose();
            _sendLock.Dispose();
        }
    }
}
