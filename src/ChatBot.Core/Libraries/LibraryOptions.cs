namespace ChatBot.Core.Libraries;

/// <summary>
/// Which library each place uses (section <c>Libraries</c>). Without any entry every Discord server has its own library
/// (<c>discord:&lt;guild id&gt;</c>), every Slack workspace its own (<c>slack:&lt;team id&gt;</c>), and the console and
/// CLI use <see cref="Default"/>. <see cref="Named"/> maps several servers, workspaces or channels onto one library.
/// </summary>
public sealed class LibraryOptions
{
    public const string SectionName = "Libraries";

    /// <summary>The console's and CLI's library, and the one existing articles are moved into by the upgrade.</summary>
    public string Default { get; set; } = LibraryNames.Local;

    /// <summary>The library of Discord DMs (they belong to no server). Empty: DMs are refused with a short message.</summary>
    public string? DirectMessages { get; set; }

    /// <summary>Named libraries by name (lower case letters, digits, '-', '_', '.').</summary>
    public IDictionary<string, NamedLibraryOptions> Named { get; } = new Dictionary<string, NamedLibraryOptions>(StringComparer.Ordinal);
}

/// <summary>One named library: the places that use it, who may change it, where it is read-only.</summary>
public sealed class NamedLibraryOptions
{
    /// <summary>Discord servers (guild ids) whose channels use this library.</summary>
    public IList<string> DiscordGuilds { get; } = [];

    /// <summary>Slack workspaces (team ids, T…) whose channels use this library.</summary>
    public IList<string> SlackTeams { get; } = [];

    /// <summary>Single channels using this library: <c>discord:&lt;channel id&gt;</c> or <c>slack:&lt;channel id&gt;</c>.
    /// A channel entry wins over its server's or workspace's entry.</summary>
    public IList<string> Channels { get; } = [];

    /// <summary>
    /// Where admins may change this library although other places use it too: <c>discord:&lt;guild id&gt;</c> (that
    /// server's Manage Server holders) or <c>slack:&lt;team id&gt;</c> (that workspace's <c>Slack:Admins</c>). A library
    /// used by exactly one server or workspace (and no single channels) needs no entry: that place's admins may change it.
    /// </summary>
    public IList<string> Admins { get; } = [];

    /// <summary>Platforms ("discord", "slack") on which nobody may change this library, admins included.</summary>
    public IList<string> ReadOnlyOn { get; } = [];
}
