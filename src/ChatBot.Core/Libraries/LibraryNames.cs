namespace ChatBot.Core.Libraries;

/// <summary>How libraries are named: the default ones after their place, named ones by configuration.</summary>
public static class LibraryNames
{
    /// <summary>The console's and CLI's library unless <c>Libraries:Default</c> says otherwise.</summary>
    public const string Local = "local";

    public const int MaxLength = 64;

    /// <summary>A Discord server's own library.</summary>
    public static string ForDiscordGuild(string guildId) => "discord:" + guildId;

    /// <summary>A Slack workspace's own library.</summary>
    public static string ForSlackTeam(string teamId) => "slack:" + teamId;

    /// <summary>A name a person may give: 1–64 of a-z, 0-9, '-', '_', '.', starting with a letter or digit.</summary>
    public static bool IsValidName(string? name) =>
        name is { Length: > 0 and <= MaxLength }
        && char.IsAsciiLetterLower(name[0]) | char.IsAsciiDigit(name[0])
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_' or '.');

    /// <summary>A valid name, or one of the default names (<c>discord:&lt;id&gt;</c>, <c>slack:&lt;id&gt;</c>).</summary>
    public static bool IsValidReference(string? name) =>
        IsValidName(name)
        || (name is { Length: <= MaxLength } && (name.StartsWith("discord:", StringComparison.Ordinal) || name.StartsWith("slack:", StringComparison.Ordinal))
            && name[(name.IndexOf(':', StringComparison.Ordinal) + 1)..] is { Length: > 0 } id && id.All(char.IsAsciiLetterOrDigit));
}
