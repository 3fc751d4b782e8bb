using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;

namespace ChatBot.Discord.Gateway;

public sealed partial class DiscordGatewayClient
{
    /// <summary>The only writer of the socket (ClientWebSocket allows one send at a time), within the per-minute send limit.</summary>
    private async Task SendLoopAsync(
        ClientWebSocket socket, ChannelReader<GatewayFrame> frames, GatewayConnectionState state, CancellationTokenSource connection, CancellationToken cancellationToken)
    {
        var limiter = new GatewaySendLimiter(_options.GatewaySendsPerMinute, _time);
        await foreach (var frame in frames.ReadAllAsync(cancellationToken))
        {
            if (frame.CloseCode is { } code)
            {
                if (socket.State == WebSocketState.Open)
                {
                    await socket.CloseOutputAsync((WebSocketCloseStatus)code, code == 1000 ? "shutting down" : "reconnecting", cancellationToken);
                }

                connection.CancelAfter(CloseGrace);
                return;
            }

            var wait = limiter.Delay();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _time, cancellationToken);
            }

            if (socket.State != WebSocketState.Open || state.Intended is not null)
            {
                continue;
            }

            limiter.Record();
            await socket.SendAsync(Encoding.UTF8.GetBytes(frame.Json!), WebSocketMessageType.Text, true, cancellationToken);
        }
    }
}
