using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using ChatBot.Core.Telemetry;
using ChatBot.Discord.Logging;

namespace ChatBot.Discord.Gateway;

public sealed partial class DiscordGatewayClient
{
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(2);

    private async Task<(GatewayNext Next, bool Established, int? Code)> RunConnectionAsync(
        string url, bool resume, IGatewayDispatchHandler handler, CancellationToken cancellationToken)
    {
        var uri = new Uri(url.TrimEnd('/') + "/?v=10&encoding=json");
        DiscordLog.Connecting(_logger, uri.Host, resume);
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(uri, cancellationToken);

        using var connection = CancellationTokenSource.CreateLinkedTokenSource(CancellationToken.None);
        var frames = Channel.CreateBounded<GatewayFrame>(new BoundedChannelOptions(256) { SingleReader = true });
        var state = new GatewayConnectionState();
        var sender = SendLoopAsync(socket, frames.Reader, state, connection, connection.Token);
        Task? heartbeat = null;
        await using var stopping = cancellationToken.Register(() =>
        {
            state.Intended ??= GatewayNext.Stop;
            frames.Writer.TryWrite(GatewayFrame.Close((int)WebSocketCloseStatus.NormalClosure));
        });

        try
        {
            while (true)
            {
                var text = await ReceiveTextAsync(socket, connection.Token);
                if (text is null)
                {
                    var code = (int?)socket.CloseStatus;
                    if (state.Intended is { } intended)
                    {
                        return (intended, state.Established, code);
                    }

                    var next = GatewayCloseCodes.Classify(code);
                    if (next != GatewayNext.Fatal)
                    {
                        DiscordLog.Closed(_logger, code ?? 0, socket.CloseStatusDescription, next == GatewayNext.Resume);
                    }

                    return (next, state.Established, code);
                }

                // A frame that is not a JSON payload with a numeric op is skipped: one bad frame never ends the session.
                JsonDocument doc;
                try
                {
                    doc = JsonDocument.Parse(text);
                }
                catch (JsonException ex)
                {
                    DiscordLog.BadFrame(_logger, ex.Message);
                    continue;
                }

                using var owned = doc;
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("op", out var opElement)
                    || opElement.ValueKind != JsonValueKind.Number || !opElement.TryGetInt32(out var op))
                {
                    DiscordLog.BadFrame(_logger, "no numeric op");
                    continue;
                }

                try
                {
                    switch (op)
                    {
                        case 10:
                            if (!root.TryGetProperty("d", out var hello) || hello.ValueKind != JsonValueKind.Object
                                || !hello.TryGetProperty("heartbeat_interval", out var hb) || !hb.TryGetDouble(out var ms) || ms <= 0)
                            {
                                DiscordLog.BadFrame(_logger, "HELLO without heartbeat_interval");
                                break;
                            }

                            var interval = TimeSpan.FromMilliseconds(ms);
                            heartbeat ??= HeartbeatLoopAsync(interval, frames.Writer, state, connection, connection.Token);
                            await frames.Writer.WriteAsync(new GatewayFrame(resume ? ResumePayload() : IdentifyPayload()), connection.Token);
                            break;
                        case 11:
                            state.AckReceived = true;
                            break;
                        case 1:
                            await frames.Writer.WriteAsync(new GatewayFrame(HeartbeatPayload()), connection.Token);
                            break;
                        case 7:
                            DiscordLog.ReconnectRequested(_logger);
                            BeginClose(state, frames.Writer, GatewayNext.Resume, connection);
                            break;
                        case 9:
                            var resumable = root.TryGetProperty("d", out var d) && d.ValueKind == JsonValueKind.True;
                            DiscordLog.InvalidSession(_logger, resumable);
                            if (resume && !state.Established)
                            {
                                ChatTelemetry.RecordResume(DiscordPlatformService.Platform, resumed: false);
                            }

                            BeginClose(state, frames.Writer, resumable ? GatewayNext.Resume : GatewayNext.Identify, connection);
                            break;
                        case 0:
                            await OnDispatchAsync(root, state, handler, cancellationToken);
                            break;
                    }
                }
                catch (Exception ex) when (ex is InvalidOperationException or KeyNotFoundException or FormatException or ArgumentException)
                {
                    // A payload of the wrong shape (a string where a number belongs…): skipped like an unparsable one.
                    DiscordLog.BadFrame(_logger, ex.Message);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && connection.IsCancellationRequested)
        {
            // A zombie or a close we started that the server never answered: the socket was aborted.
            return (state.Intended ?? GatewayNext.Resume, state.Established, null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return (GatewayNext.Stop, state.Established, null);
        }
        finally
        {
            frames.Writer.TryComplete();
            if (socket.State == WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(CloseGrace);
                try
                {
                    await socket.CloseOutputAsync(socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, null, timeout.Token);
                }
                catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
                {
                    // The peer is gone already.
                }
            }

            await connection.CancelAsync();
            await IgnoreFailureAsync(sender);
            if (heartbeat is not null)
            {
                await IgnoreFailureAsync(heartbeat);
            }
        }
    }

    private async ValueTask OnDispatchAsync(JsonElement root, GatewayConnectionState state, IGatewayDispatchHandler handler, CancellationToken cancellationToken)
    {
        if (root.TryGetProperty("s", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt64(out var sequence))
        {
            Interlocked.Exchange(ref _sequence, sequence);
        }

        var eventName = root.TryGetProperty("t", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() ?? string.Empty : string.Empty;
        if (!root.TryGetProperty("d", out var data))
        {
            DiscordLog.BadFrame(_logger, "dispatch without d");
            return;
        }

        DiscordLog.Dispatch(_logger, eventName, Sequence ?? 0);
        switch (eventName)
        {
            case "READY":
                SessionId = data.GetProperty("session_id").GetString();
                ResumeGatewayUrl = data.TryGetProperty("resume_gateway_url", out var r) ? r.GetString() : null;
                UserId = data.TryGetProperty("user", out var u) && u.TryGetProperty("id", out var id) ? id.GetString() : null;
                state.Established = true;
                DiscordLog.Ready(_logger, ShardId);
                break;
            case "RESUMED":
                state.Established = true;
                DiscordLog.Resumed(_logger, Sequence);
                ChatTelemetry.RecordResume(DiscordPlatformService.Platform, resumed: true);
                break;
            default:
                await handler.OnDispatchAsync(eventName, data, cancellationToken);
                break;
        }
    }

    /// <summary>Sends a close frame with a non-1000 code (keeps the session resumable) and aborts the socket if the peer never answers.</summary>
    private static void BeginClose(GatewayConnectionState state, ChannelWriter<GatewayFrame> frames, GatewayNext next, CancellationTokenSource connection)
    {
        state.Intended ??= next;
        frames.TryWrite(GatewayFrame.Close(GatewayCloseCodes.Zombie));
        connection.CancelAfter(CloseGrace);
    }

    private static async Task<string?> ReceiveTextAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            using var message = new MemoryStream();
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(), cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return null;
                }

                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    return Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private string IdentifyPayload() => new JsonObject
    {
        ["op"] = 2,
        ["d"] = new JsonObject
        {
            ["token"] = _options.Token,
            ["intents"] = Intents,
            ["properties"] = new JsonObject { ["os"] = "linux", ["browser"] = "chatbot", ["device"] = "chatbot" },
            ["shard"] = new JsonArray(ShardId, ShardCount),
            ["large_threshold"] = 50,
        },
    }.ToJsonString();

    private string ResumePayload() => new JsonObject
    {
        ["op"] = 6,
        ["d"] = new JsonObject { ["token"] = _options.Token, ["session_id"] = SessionId, ["seq"] = Sequence },
    }.ToJsonString();

    private string HeartbeatPayload() => new JsonObject { ["op"] = 1, ["d"] = Sequence }.ToJsonString();

    private static async Task IgnoreFailureAsync(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ChannelClosedException or ObjectDisposedException)
        {
            // The connection is over; its loops end with it.
        }
    }
}
