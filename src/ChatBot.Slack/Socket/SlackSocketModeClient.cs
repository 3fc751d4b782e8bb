using System.Net.WebSockets;
using ChatBot.Core.Telemetry;
using ChatBot.Slack.Api;
using ChatBot.Slack.Inbound;
using ChatBot.Slack.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Slack.Socket;

/// <summary>
/// Keeps <see cref="SlackOptions.SocketConnections"/> Socket Mode connections open (protocols.md B1.4-B1.5):
/// a fresh apps.connections.open per connection; on warning/refresh_requested the replacement is live before
/// the old socket closes; an unexpected close reconnects with back-off; link_disabled stops for good.
/// </summary>
public sealed class SlackSocketModeClient(
    SlackApiClient api,
    SlackInbox inbox,
    IOptions<SlackOptions> options,
    TimeProvider timeProvider,
    ILogger<SlackSocketModeClient> logger)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(1);
    private readonly SlackOptions _options = options.Value;

    /// <summary>Runs until cancelled; throws <see cref="SlackSocketModeDisabledException"/> or a fatal <see cref="SlackApiException"/>.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var slots = Enumerable.Range(0, _options.SocketConnections).Select(slot => RunSlotAsync(slot, linked.Token)).ToList();
        var first = await Task.WhenAny(slots);
        if (first.IsFaulted)
        {
            // One slot hit a fatal condition: stop the others too, then surface it.
            await linked.CancelAsync();
            await Task.WhenAll(slots.Select(s => s.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default)));
        }

        await Task.WhenAll(slots);
    }

    private async Task RunSlotAsync(int slot, CancellationToken cancellationToken)
    {
        if (slot > 0 && _options.ConnectionStaggerMilliseconds > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(_options.ConnectionStaggerMilliseconds * slot), timeProvider, cancellationToken);
        }

        SlackSocketConnection? current = null;
        var failures = 0;
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                SlackSocketConnection next;
                try
                {
                    var url = await api.OpenConnectionAsync(cancellationToken);
                    next = await SlackSocketConnection.ConnectAsync(url, slot, inbox, logger, cancellationToken);
                }
                catch (Exception ex) when (IsTransient(ex, cancellationToken))
                {
                    failures++;
                    await BackoffAsync(slot, failures, ex, cancellationToken);
                    continue;
                }

                // The replacement is live: only now close the connection it replaces.
                if (current is not null)
                {
                    await current.DisposeAsync();
                }

                current = next;
                failures = 0;
                var reason = await current.Disconnected.WaitAsync(cancellationToken);
                switch (reason)
                {
                    case "link_disabled" or "socket_mode_disabled":
                        SlackLog.SocketModeDisabled(logger, reason);
                        throw new SlackSocketModeDisabledException(reason);
                    case SlackSocketConnection.Closed or "too_many_websockets":
                        await current.DisposeAsync();
                        current = null;
                        failures++;
                        await BackoffAsync(slot, failures, null, cancellationToken);
                        break;
                    default:
                        // warning, refresh_requested, or an unknown reason: open the replacement, keep reading this one meanwhile.
                        SlackLog.SocketRefresh(logger, slot, reason);
                        ChatTelemetry.RecordSocketRefresh(reason);
                        break;
                }
            }
        }
        finally
        {
            if (current is not null)
            {
                await current.DisposeAsync();
            }
        }
    }

    private async Task BackoffAsync(int slot, int failures, Exception? exception, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(Math.Min(_options.ReconnectDelayMilliseconds * (double)failures, MaxBackoff.TotalMilliseconds));
        SlackLog.SocketReconnecting(logger, exception, slot, failures, delay.TotalMilliseconds);
        await Task.Delay(delay, timeProvider, cancellationToken);
    }

    private static bool IsTransient(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        SlackApiException api => !api.IsFatal,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        WebSocketException or HttpRequestException or TimeoutException or IOException => true,
        _ => false,
    };
}
