namespace ChatBot.Slack.Inbound;

/// <summary>What Slack delivered: the envelope types of Socket Mode, which the HTTP endpoint maps onto too.</summary>
public enum SlackDeliveryKind
{
    Event,
    SlashCommand,
    Interaction,
}
