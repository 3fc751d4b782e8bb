using ChatBot.Core.Platforms;
using ChatBot.Discord.Gateway;
using ChatBot.Discord.Http;
using ChatBot.Discord.Interactions;
using ChatBot.Discord.Logging;
using ChatBot.Discord.Messages;
using ChatBot.Discord.Rest;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatBot.Discord;

/// <summary>
/// The Discord platform: registers the slash commands (when they changed), runs the gateway, the
/// interaction acknowledgers, the reply follow-ups, the workers and, when configured, the HTTP interactions endpoint. A fatal error (a gateway close that forbids resuming:
/// bad token, shard or intents; the REST API refusing the bot) stops this platform only, per <see cref="PlatformStatus"/>:
/// a clear log line, recorded for GET /health; the rest of the bot keeps running.
/// </summary>
public sealed class DiscordPlatformService(
    DiscordShards gateway,
    DiscordInteractionDispatcher dispatcher,
    DiscordFollowUps followUps,
    DiscordWorkQueue work,
    DiscordDispatchRouter router,
    DiscordCommandRegistrar registrar,
    PlatformStatus status,
    ILogger<DiscordPlatformService> logger,
    DiscordInteractionsEndpoint? interactionsEndpoint = null) : BackgroundService
{
    public const string Platform = "discord";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        DiscordLog.Starting(logger);
        using var platform = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var workers = Task.WhenAll(dispatcher.RunAsync(platform.Token), followUps.RunAsync(platform.Token), work.RunAsync(platform.Token));
        try
        {
            await RegisterCommandsAsync(platform.Token);
            if (interactionsEndpoint is not null)
            {
                await interactionsEndpoint.StartAsync(platform.Token);
            }

            await gateway.RunAsync(router, platform.Token);
        }
        catch (DiscordGatewayFatalException ex)
        {
            DiscordLog.FatalClose(logger, ex.CloseCode, ex.Reason);
            status.Stopped(Platform, $"gateway closed with {ex.CloseCode} ({ex.Reason})");
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception ex) when (ex is DiscordApiException or HttpRequestException or IOException)
        {
            DiscordLog.PlatformFailed(logger, ex);
            status.Stopped(Platform, ex switch
            {
                DiscordApiException api => $"REST API refused ({(int)api.Status})",
                IOException => "the HTTP interactions endpoint could not listen on Discord:InteractionsUrl",
                _ => "REST API unreachable",
            });
        }
        finally
        {
            await platform.CancelAsync();
            if (interactionsEndpoint is not null)
            {
                await interactionsEndpoint.DisposeAsync();
            }

            try
            {
                await workers;
            }
            catch (OperationCanceledException)
            {
                // The workers stop with the platform.
            }

            DiscordLog.Stopped(logger);
        }
    }

    private async Task RegisterCommandsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await registrar.RegisterAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is DiscordApiException or HttpRequestException or IOException)
        {
            // Commands registered earlier keep working; the gateway still runs.
            DiscordLog.CommandsFailed(logger, ex);
        }
    }
}
