using System.Threading.Channels;
using ChatBot.Discord.Logging;

namespace ChatBot.Discord.Gateway;

public sealed partial class DiscordGatewayClient
{
    /// <summary>First beat after interval × random jitter, then every interval; no ACK since the last beat means a zombie.</summary>
    private async Task HeartbeatLoopAsync(
        TimeSpan interval, ChannelWriter<GatewayFrame> frames, GatewayConnectionState state, CancellationTokenSource connection, CancellationToken cancellationToken)
    {
        await Task.Delay(interval * Random.Shared.NextDouble(), _time, cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            if (!state.AckReceived)
            {
                DiscordLog.Zombie(_logger);
                BeginClose(state, frames, GatewayNext.Resume, connection);
                return;
            }

            state.AckReceived = false;
            await frames.WriteAsync(new GatewayFrame(HeartbeatPayload()), cancellationToken);
            await Task.Delay(interval, _time, cancellationToken);
        }
    }
}
