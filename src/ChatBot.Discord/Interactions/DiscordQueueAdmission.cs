using System.Text.Json.Nodes;
using ChatBot.Core.Telemetry;
using ChatBot.Discord.Logging;
using ChatBot.Discord.Rendering;
using ChatBot.Discord.Rest;
using Microsoft.Extensions.Logging;

namespace ChatBot.Discord.Interactions;

/// <summary>
/// The queue-full ("busy") path of a command: it takes a place in the <see cref="DiscordWorkQueue"/> before it is
/// acknowledged, or it is answered "busy" privately in the interaction's callback itself, with no public "thinking…" first.
/// Deciding at the acknowledgement is what makes it exact: a request deferred publicly always has its place in the queue.
/// </summary>
public sealed class DiscordQueueAdmission(DiscordWorkQueue work, DiscordApi api, ILogger<DiscordQueueAdmission> logger)
{
    public const string BusyText = "I'm busy right now; please try again in a minute.";

    /// <summary>A reserved place for the command (the caller defers, then fills it); null when it was answered "busy".</summary>
    public async Task<DiscordWorkQueue.WorkSlot?> AdmitAsync(DiscordInteraction interaction, CancellationToken cancellationToken)
    {
        var slot = work.TryReserve();
        if (slot is null)
        {
            DiscordLog.QueueFull(logger, interaction.Id);
            ChatTelemetry.RecordBusy(DiscordPlatformService.Platform);
            var busy = new JsonObject { ["type"] = 4, ["data"] = DiscordMessageRenderer.Plain(BusyText, ephemeral: true) };
            await api.RespondAsync(interaction.Id, interaction.Token, busy, cancellationToken);
        }

        return slot;
    }
}
