using System.Text.Json;
using ChatBot.Discord.Interactions;
using ChatBot.Discord.Messages;

namespace ChatBot.Discord.Gateway;

/// <summary>Hands each gateway event to its feature: INTERACTION_CREATE to the interactions, MESSAGE_CREATE to the follow-ups.</summary>
public sealed class DiscordDispatchRouter(DiscordInteractionDispatcher interactions, DiscordFollowUps followUps) : IGatewayDispatchHandler
{
    public ValueTask OnDispatchAsync(string eventName, JsonElement data, CancellationToken cancellationToken)
    {
        switch (eventName)
        {
            case "INTERACTION_CREATE":
                return interactions.OnDispatchAsync(eventName, data, cancellationToken);
            case "MESSAGE_CREATE":
                followUps.Accept(data);
                break;
        }

        return ValueTask.CompletedTask;
    }
}
