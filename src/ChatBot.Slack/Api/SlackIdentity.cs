namespace ChatBot.Slack.Api;

/// <summary>Who the bot is in the workspace, from auth.test at start: used to strip mentions and ignore its own messages.</summary>
public sealed class SlackIdentity
{
    public string? BotUserId { get; set; }

    public string? BotId { get; set; }

    public string? TeamId { get; set; }
}
