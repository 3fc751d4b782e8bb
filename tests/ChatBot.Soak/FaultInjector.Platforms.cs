using System.Text.Json.Nodes;
using ChatBot.TestKit.Discord;
using ChatBot.TestKit.Slack;

namespace ChatBot.Soak;

/// <summary>The platform faults: Discord reconnects, op 9 bursts and zombie connections; Slack disconnects, dropped and slow acknowledgements, rate limits.</summary>
public sealed partial class FaultInjector
{
    /// <summary>Breaks the live connection <paramref name="burst"/> times in a row; recovered when a new one is live each time.</summary>
    private async Task<bool> DiscordReconnectAsync(Func<FakeGatewayConnection, Task> breakIt, int burst, CancellationToken cancellationToken)
    {
        if (discord is null)
        {
            return false;
        }

        for (var i = 0; i < burst; i++)
        {
            if (await discord.WaitLiveAsync(null, RecoveryTimeout, cancellationToken) is not { } live)
            {
                return false;
            }

            discord.MarkDown(live);
            await breakIt(live);
            if (await discord.WaitLiveAsync(live, RecoveryTimeout, cancellationToken) is null)
            {
                return false;
            }
        }

        return true;
    }

    private Task<bool> DiscordOp9BurstAsync(CancellationToken cancellationToken)
    {
        var resumable = new Queue<bool>([true, false, true]);
        return DiscordReconnectAsync(c => c.SendAsync(new JsonObject { ["op"] = 9, ["d"] = resumable.Dequeue() }), 3, cancellationToken);
    }

    /// <summary>Withholds heartbeat ACKs until the bot gives the connection up as a zombie and resumes elsewhere.</summary>
    private async Task<bool> DiscordZombieAsync(CancellationToken cancellationToken)
    {
        if (discord?.Live is not { } live)
        {
            return false;
        }

        discord.Server.AcknowledgeHeartbeats = false;
        try
        {
            return await discord.WaitLiveAsync(live, RecoveryTimeout, cancellationToken) is not null;
        }
        finally
        {
            discord.Server.AcknowledgeHeartbeats = true;
        }
    }

    private async Task<bool> SlackDisconnectAsync(string reason, CancellationToken cancellationToken)
    {
        if (slack?.LiveSockets is not [var socket, ..])
        {
            return false;
        }

        var before = slack.SocketsOpened;
        slack.MarkDraining(socket);
        await socket.SendAsync(SlackPayloads.Disconnect(reason), cancellationToken);
        var replaced = await WaitAsync(() => slack.SocketsOpened > before && slack.LiveSockets.Count > 0, cancellationToken);
        if (reason == "warning")
        {
            // Slack closes a warned connection ~10 s later; the soak closes it once the replacement is live.
            await Task.Delay(500, cancellationToken);
            await socket.DropAsync();
        }

        return replaced;
    }

    private async Task<bool> SlackDropAsync(CancellationToken cancellationToken)
    {
        if (slack?.LiveSockets is not [var socket, ..])
        {
            return false;
        }

        var before = slack.SocketsOpened;
        slack.MarkDraining(socket);
        await socket.DropAsync();
        return await WaitAsync(() => slack.SocketsOpened > before, cancellationToken);
    }

    /// <summary>
    /// A slow Slack: apps.connections.open answers after 3 s and new connections get hello after 4 s, then a live
    /// connection drops; recovered when its replacement is live (the other connection carries the events meanwhile).
    /// </summary>
    private async Task<bool> SlackSlowAsync(CancellationToken cancellationToken)
    {
        if (slack is null)
        {
            return false;
        }

        slack.Server.ConnectionsOpenDelay = TimeSpan.FromSeconds(3);
        slack.Server.HelloDelay = TimeSpan.FromSeconds(4);
        try
        {
            return await SlackDropAsync(cancellationToken);
        }
        finally
        {
            slack.Server.ConnectionsOpenDelay = TimeSpan.Zero;
            slack.Server.HelloDelay = TimeSpan.Zero;
        }
    }

    private bool SlackRateLimit(string? channel = null)
    {
        if (slack is null)
        {
            return false;
        }

        if (channel is null)
        {
            slack.Server.RateLimitNext("chat.postMessage", 1, 5);
        }
        else
        {
            slack.Server.PassNext("chat.postMessage", channel);
            slack.Server.RateLimitNext("chat.postMessage", 1, DigestFailures, channel);
        }

        return true;
    }
}
