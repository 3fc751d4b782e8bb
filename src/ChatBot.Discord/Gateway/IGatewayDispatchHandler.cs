using System.Text.Json;

namespace ChatBot.Discord.Gateway;

/// <summary>Receives gateway dispatches (op 0). Must return fast: enqueue, never do slow work inline.</summary>
public interface IGatewayDispatchHandler
{
    ValueTask OnDispatchAsync(string eventName, JsonElement data, CancellationToken cancellationToken);
}
