using ChatBot.Core.Platforms;
using ChatBot.Slack.Api;
using ChatBot.Slack.Http;
using ChatBot.Slack.Inbound;
using ChatBot.Slack.Logging;
using ChatBot.Slack.Socket;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBot.Slack;

/// <summary>
/// The Slack platform. Start: auth.test (who the bot is) and the HTTP endpoint when configured. Then, in the
/// background: the request workers and the Socket Mode connections. A fatal error (the token refused at start or revoked
/// later, Socket Mode disabled for the app) stops this platform only, per <see cref="PlatformStatus"/>: a clear log
/// line, the HTTP endpoint and workers stopped, recorded for GET /health; the rest of the bot keeps running.
/// </summary>
public sealed class SlackPlatformService(
    SlackApiClient api,
    SlackIdentity identity,
    SlackInbox inbox,
    SlackRequestProcessor processor,
    SlackSocketModeClient socketMode,
    SlackHttpEndpoint httpEndpoint,
    PlatformStatus status,
    IOptions<SlackOptions> options,
    ILogger<SlackPlatformService> logger) : BackgroundService
{
    private readonly SlackOptions _options = options.Value;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        SlackIdentity me;
        try
        {
            me = await api.AuthTestAsync(cancellationToken);
        }
        catch (SlackApiException ex) when (ex.IsFatal)
        {
            SlackLog.AuthFailed(logger, ex.Error);
            status.Stopped(SlackRequestProcessor.Platform, $"Slack:BotToken rejected by auth.test ({ex.Error})");
            return;
        }

        identity.BotUserId = me.BotUserId;
        identity.BotId = me.BotId;
        identity.TeamId = me.TeamId;
        SlackLog.SignedIn(logger, me.BotUserId ?? "?", me.BotId, me.TeamId);

        if (_options.HttpEnabled)
        {
            await httpEndpoint.StartAsync(cancellationToken);
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var platform = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var workers = processor.RunAsync(platform.Token);
        try
        {
            if (_options.SocketModeEnabled)
            {
                await socketMode.RunAsync(platform.Token);
            }
        }
        catch (SlackSocketModeDisabledException ex)
        {
            await StopPlatformAsync(platform, $"Socket Mode disabled for the app ({ex.Reason})");
        }
        catch (SlackApiException ex) when (ex.IsFatal)
        {
            SlackLog.AuthFailed(logger, ex.Error);
            await StopPlatformAsync(platform, $"token rejected ({ex.Error})");
        }
        finally
        {
            await WaitForWorkersAsync(workers);
        }
    }

    private async Task StopPlatformAsync(CancellationTokenSource platform, string reason)
    {
        status.Stopped(SlackRequestProcessor.Platform, reason);
        await httpEndpoint.StopAsync(CancellationToken.None);
        inbox.Complete();
        await platform.CancelAsync();
    }

    private static async Task WaitForWorkersAsync(Task workers)
    {
        try
        {
            await workers;
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <remarks>The HTTP endpoint is a container singleton: the container disposes it (asynchronously), not this service.</remarks>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await httpEndpoint.StopAsync(cancellationToken);
        inbox.Complete();
        await base.StopAsync(cancellationToken);
    }
}
