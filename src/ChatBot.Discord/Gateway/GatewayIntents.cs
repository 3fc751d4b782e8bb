namespace ChatBot.Discord.Gateway;

/// <summary>The gateway intent bits the bot reasons about (protocols.md A1.6).</summary>
public static class GatewayIntents
{
    public const int GuildMembers = 1 << 1;
    public const int GuildPresences = 1 << 8;
    public const int MessageContent = 1 << 15;

    /// <summary>The intents an application must switch on in the Developer Portal; without that, IDENTIFY is closed with 4014.</summary>
    public const int Privileged = GuildMembers | GuildPresences | MessageContent;
}
