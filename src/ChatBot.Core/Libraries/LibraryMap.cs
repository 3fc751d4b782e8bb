namespace ChatBot.Core.Libraries;

/// <summary>
/// The one place that decides which library a request uses and whether its admin may change that library.
/// Order: a channel entry, then its server's or workspace's entry, then the place's own library
/// (<c>discord:&lt;guild&gt;</c>, <c>slack:&lt;team&gt;</c>); the console uses <c>--library</c> or <c>Libraries:Default</c>.
/// </summary>
public sealed class LibraryMap
{
    private readonly LibraryOptions _options;
    private readonly Dictionary<string, string> _places = new(StringComparer.Ordinal);

    public LibraryMap(LibraryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        foreach (var (name, library) in options.Named)
        {
            foreach (var place in Places(library))
            {
                _places.TryAdd(place, name);
            }
        }
    }

    public const string DiscordPlatform = "discord";
    public const string SlackPlatform = "slack";
    public const string ConsolePlatform = "console";

    /// <summary>The console's and CLI's library when none is named.</summary>
    public string Default => _options.Default;

    /// <param name="workspace">Discord guild id or Slack team id (null in a Discord DM); at the console, the library named by <c>--library</c>.</param>
    public LibraryResolution Resolve(string platform, string? workspace, string channelId)
    {
        if (platform == ConsolePlatform)
        {
            return LibraryResolution.Of(string.IsNullOrWhiteSpace(workspace) ? _options.Default : workspace);
        }

        if (platform is not (DiscordPlatform or SlackPlatform))
        {
            return LibraryResolution.Refused($"The {platform} platform has no library.");
        }

        if (_places.TryGetValue(Channel(platform, channelId), out var byChannel))
        {
            return LibraryResolution.Of(byChannel, shared: true);
        }

        if (string.IsNullOrEmpty(workspace))
        {
            return string.IsNullOrWhiteSpace(_options.DirectMessages)
                ? LibraryResolution.Refused("Direct messages have no library here: ask in a server channel where the bot is, or ask the bot's operator to set Libraries:DirectMessages.")
                : LibraryResolution.Of(_options.DirectMessages, shared: true);
        }

        return _places.TryGetValue(Workspace(platform, workspace), out var named)
            ? LibraryResolution.Of(named, shared: true)
            : LibraryResolution.Of(platform == DiscordPlatform ? LibraryNames.ForDiscordGuild(workspace) : LibraryNames.ForSlackTeam(workspace));
    }

    /// <summary>
    /// Null when an admin of <paramref name="workspace"/> may change <paramref name="library"/> from
    /// <paramref name="platform"/>; otherwise the reason, for the reply. The console's operator may change any library.
    /// </summary>
    public string? WhyAdminMayNotChange(string platform, string? workspace, string library)
    {
        if (platform == ConsolePlatform)
        {
            return null;
        }

        if (!_options.Named.TryGetValue(library, out var named))
        {
            // A place's own library: only that place's admins, never from a DM.
            var own = string.IsNullOrEmpty(workspace) ? null
                : platform == DiscordPlatform ? LibraryNames.ForDiscordGuild(workspace) : LibraryNames.ForSlackTeam(workspace);
            return own == library ? null : $"Library {library} cannot be changed from here.";
        }

        if (named.ReadOnlyOn.Contains(platform, StringComparer.OrdinalIgnoreCase))
        {
            return $"Library {library} is read-only on {platform}.";
        }

        var home = string.IsNullOrEmpty(workspace) ? null : Workspace(platform, workspace);
        if (home is not null && named.Admins.Contains(home, StringComparer.Ordinal))
        {
            return null;
        }

        var homes = named.DiscordGuilds.Select(g => Workspace(DiscordPlatform, g)).Concat(named.SlackTeams.Select(t => Workspace(SlackPlatform, t))).ToList();
        return home is not null && homes.Count == 1 && homes[0] == home && named.Channels.Count == 0
            ? null
            : $"Library {library} is shared with other places: only admins of the places listed in Libraries:Named:{library}:Admins may change it.";
    }

    /// <summary>Configuration mistakes, each naming its key; empty when the configuration is usable.</summary>
    public static IReadOnlyList<string> Validate(LibraryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!LibraryNames.IsValidReference(options.Default))
        {
            failures.Add($"Libraries:Default must be a library name (a-z, 0-9, '-', '_', '.', at most {LibraryNames.MaxLength}).");
        }

        if (!string.IsNullOrEmpty(options.DirectMessages) && !LibraryNames.IsValidReference(options.DirectMessages))
        {
            failures.Add("Libraries:DirectMessages must be empty (DMs refused) or a library name.");
        }

        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, library) in options.Named)
        {
            var key = "Libraries:Named:" + name;
            if (!LibraryNames.IsValidName(name))
            {
                failures.Add($"{key}: a library name is 1-{LibraryNames.MaxLength} of a-z, 0-9, '-', '_', '.'.");
            }

            failures.AddRange(library.DiscordGuilds.Where(g => !IsId(g)).Select(g => $"{key}:DiscordGuilds: “{g}” is not a guild id."));
            failures.AddRange(library.SlackTeams.Where(t => !IsId(t)).Select(t => $"{key}:SlackTeams: “{t}” is not a team id."));
            failures.AddRange(library.Channels.Where(c => !IsPlace(c)).Select(c => $"{key}:Channels: “{c}” must be discord:<channel id> or slack:<channel id>."));
            failures.AddRange(library.Admins.Where(a => !IsPlace(a)).Select(a => $"{key}:Admins: “{a}” must be discord:<guild id> or slack:<team id>."));
            failures.AddRange(library.ReadOnlyOn.Where(p => !p.Equals(DiscordPlatform, StringComparison.OrdinalIgnoreCase) && !p.Equals(SlackPlatform, StringComparison.OrdinalIgnoreCase))
                .Select(p => $"{key}:ReadOnlyOn: “{p}” must be discord or slack."));
            foreach (var place in Places(library))
            {
                if (owner.TryGetValue(place, out var other) && other != name)
                {
                    failures.Add($"{key}: {place} is mapped to library {other} too; a place uses one library.");
                }

                owner.TryAdd(place, name);
            }
        }

        return failures;
    }

    private static IEnumerable<string> Places(NamedLibraryOptions library) =>
        library.DiscordGuilds.Select(g => Workspace(DiscordPlatform, g.Trim()))
            .Concat(library.SlackTeams.Select(t => Workspace(SlackPlatform, t.Trim())))
            .Concat(library.Channels.Select(c => "channel:" + c.Trim()));

    // Workspaces and channels live in separate key spaces: a channel id can never be taken for a guild id.
    private static string Workspace(string platform, string id) => platform + ":" + id;

    private static string Channel(string platform, string channelId) => "channel:" + platform + ":" + channelId;

    private static bool IsId(string id) => id.Trim() is { Length: > 0 and <= 40 } t && t.All(char.IsAsciiLetterOrDigit);

    private static bool IsPlace(string place)
    {
        var colon = place.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && place[..colon] is DiscordPlatform or SlackPlatform && IsId(place[(colon + 1)..]);
    }
}
