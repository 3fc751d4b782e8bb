namespace ChatBot.Discord;

/// <summary>Discord settings. Without a token the Discord platform is off.</summary>
public sealed class DiscordOptions
{
    public const string SectionName = "Discord";

    public string? Token { get; set; }

    public string? ApplicationId { get; set; }

    public string ApiBaseUrl { get; set; } = "https://discord.com/api/v10";

    public int ShardId { get; set; }

    public int ShardCount { get; set; } = 1;

    public string? GuildId { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Token);
}
