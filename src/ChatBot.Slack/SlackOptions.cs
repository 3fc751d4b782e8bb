namespace ChatBot.Slack;

/// <summary>Slack settings. Without a bot token the Slack platform is off.</summary>
public sealed class SlackOptions
{
    public const string SectionName = "Slack";

    public string? BotToken { get; set; }

    public string? AppToken { get; set; }

    public string? SigningSecret { get; set; }

    public string ApiBaseUrl { get; set; } = "https://slack.com/api/";

    public IList<string> Admins { get; } = [];

    public bool Enabled => !string.IsNullOrWhiteSpace(BotToken);
}
