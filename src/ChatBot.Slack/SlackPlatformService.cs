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
/// The Slack platform. Start: auth.test (who the bot is; a bad token stops start-up) and the HTTP endpoint when
/// configured. Then, in the background: the request workers and the Socket Mode connections. If Slack
/// disables Socket Mode or revokes the token, the host stops with a clear error.
/// </summary>
public sealed class SlackPlatformService(
    SlackApiClient api,
    SlackIdentity identity,
    SlackInbox inbox,
    SlackRequestProcessor processor,
    SlackSocketModeClient socketMode,
    SlackHttpEndpoint httpEndpoint,
    IOptions<SlackOptions> options,
    IHostApplicationLifetime lifetime,
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
            throw new InvalidOperationException($"Slack:BotToken was rejected by auth.test ({ex.Error}).", ex);
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
        var workers = processor.RunAsync(stoppingToken);
        try
        {
            if (_options.SocketModeEnabled)
            {
                await socketMode.RunAsync(stoppingToken);
            }
        }
        catch (SlackSocketModeDisabledException)
        {
            lifetime.StopApplication();
        }
        catch (SlackApiException ex) when (ex.IsFatal)
        {
            SlackLog.AuthFailed(logger, ex.Error);
            lifetime.StopApplication();
        }
        finally
        {
            await WaitForWorkersAsync(workers);
        }
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
